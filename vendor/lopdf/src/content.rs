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

impl Operation {
    pub fn new(operator: &str, operands: Vec<Object>) -> Operation {
        let operator = match Operation::defined(operator) {
            Some(defined) => Cow::Borrowed(defined),
            None => Cow::Owned(operator.to_string()),
        };
        Operation { operator, operands }
    }

    /// The operator of PDF 1.7 (ISO 32000-1, table A.1) spelt `operator`, found by its bytes
    /// (a comparison of one to three bytes each) rather than by searching a list of strings.
    fn defined(operator: &str) -> Option<&'static str> {
        Some(match operator.as_bytes() {
            [b'"'] => "\"",
            [b'\''] => "'",
            [b'B'] => "B",
            [b'B', b'*'] => "B*",
            [b'B', b'D', b'C'] => "BDC",
            [b'B', b'I'] => "BI",
            [b'B', b'M', b'C'] => "BMC",
            [b'B', b'T'] => "BT",
            [b'B', b'X'] => "BX",
            [b'C', b'S'] => "CS",
            [b'D', b'P'] => "DP",
            [b'D', b'o'] => "Do",
            [b'E', b'I'] => "EI",
            [b'E', b'M', b'C'] => "EMC",
            [b'E', b'T'] => "ET",
            [b'E', b'X'] => "EX",
            [b'F'] => "F",
            [b'G'] => "G",
            [b'I', b'D'] => "ID",
            [b'J'] => "J",
            [b'K'] => "K",
            [b'M'] => "M",
            [b'M', b'P'] => "MP",
            [b'Q'] => "Q",
            [b'R', b'G'] => "RG",
            [b'S'] => "S",
            [b'S', b'C'] => "SC",
            [b'S', b'C', b'N'] => "SCN",
            [b'T', b'*'] => "T*",
            [b'T', b'D'] => "TD",
            [b'T', b'J'] => "TJ",
            [b'T', b'L'] => "TL",
            [b'T', b'c'] => "Tc",
            [b'T', b'd'] => "Td",
            [b'T', b'f'] => "Tf",
            [b'T', b'j'] => "Tj",
            [b'T', b'm'] => "Tm",
            [b'T', b'r'] => "Tr",
            [b'T', b's'] => "Ts",
            [b'T', b'w'] => "Tw",
            [b'T', b'z'] => "Tz",
            [b'W'] => "W",
            [b'W', b'*'] => "W*",
            [b'b'] => "b",
            [b'b', b'*'] => "b*",
            [b'c'] => "c",
            [b'c', b'm'] => "cm",
            [b'c', b's'] => "cs",
            [b'd'] => "d",
            [b'd', b'0'] => "d0",
            [b'd', b'1'] => "d1",
            [b'f'] => "f",
            [b'f', b'*'] => "f*",
            [b'g'] => "g",
            [b'g', b's'] => "gs",
            [b'h'] => "h",
            [b'i'] => "i",
            [b'j'] => "j",
            [b'k'] => "k",
            [b'l'] => "l",
            [b'm'] => "m",
            [b'n'] => "n",
            [b'q'] => "q",
            [b'r', b'e'] => "re",
            [b'r', b'g'] => "rg",
            [b'r', b'i'] => "ri",
            [b's'] => "s",
            [b's', b'c'] => "sc",
            [b's', b'c', b'n'] => "scn",
            [b's', b'h'] => "sh",
            [b'v'] => "v",
            [b'w'] => "w",
            [b'y'] => "y",
            _ => return None,
        })
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
