use super::Object;
use crate::writer::Writer;
use crate::Result;
use std::borrow::Cow;
use std::io::Write;

#[derive(Debug, Clone)]
pub struct Operation {
    /// One of the operators PDF defines, as a `&'static str` (which costs no allocation:
    /// a writer holds every operation of a document until it writes it), or any other text.
    pub operator: Cow<'static, str>,
    pub operands: Vec<Object>,
}

/// The content stream operators of PDF 1.7 (ISO 32000-1, table A.1), in byte order.
const OPERATORS: [&str; 73] = [
    "\"", "'", "B", "B*", "BDC", "BI", "BMC", "BT", "BX", "CS", "DP", "Do", "EI", "EMC", "ET", "EX", "F", "G", "ID",
    "J", "K", "M", "MP", "Q", "RG", "S", "SC", "SCN", "T*", "TD", "TJ", "TL", "Tc", "Td", "Tf", "Tj", "Tm", "Tr",
    "Ts", "Tw", "Tz", "W", "W*", "b", "b*", "c", "cm", "cs", "d", "d0", "d1", "f", "f*", "g", "gs", "h", "i", "j",
    "k", "l", "m", "n", "q", "re", "rg", "ri", "s", "sc", "scn", "sh", "v", "w", "y",
];

impl Operation {
    pub fn new(operator: &str, operands: Vec<Object>) -> Operation {
        let operator = match OPERATORS.binary_search(&operator) {
            Ok(index) => Cow::Borrowed(OPERATORS[index]),
            Err(_) => Cow::Owned(operator.to_string()),
        };
        Operation { operator, operands }
    }
}

#[derive(Debug, Clone)]
pub struct Content<Operations: AsRef<[Operation]> = Vec<Operation>> {
    pub operations: Operations,
}

impl<Operations: AsRef<[Operation]>> Content<Operations> {
    /// Encode content operations.
    pub fn encode(&self) -> Result<Vec<u8>> {
        let mut buffer = Vec::new();
        for operation in self.operations.as_ref() {
            operation.encode_into(&mut buffer)?;
        }
        Ok(buffer)
    }
}

impl Operation {
    /// Appends the operation to `buffer` as [`Content::encode`] writes it: each operand and a
    /// space, the operator, a line break.
    pub fn encode_into(&self, buffer: &mut Vec<u8>) -> Result<()> {
        for operand in &self.operands {
            Writer::write_object(buffer, operand)?;
            buffer.write_all(b" ")?;
        }
        buffer.write_all(self.operator.as_bytes())?;
        buffer.write_all(b"\n")?;
        Ok(())
    }
}
