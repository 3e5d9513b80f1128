//! The profile as the YAML parser reads it: every value kept as written, with its place, so
//! that the validator, not the deserializer, words each error.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::Spanned;

use crate::words::short_number;

/// Any YAML scalar, kept as written so that we, not the deserializer, word the error.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Text(String),
    Number(f64),
    Bool(bool),
    Null,
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Text(s) => write!(f, "`{s}`"),
            Scalar::Number(n) => write!(f, "`{}`", short_number(*n)),
            Scalar::Bool(b) => write!(f, "`{b}`"),
            Scalar::Null => f.write_str("nothing"),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a single value (text, a number or a date), not a list or a set of keys",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

pub(super) type Field = Spanned<Scalar>;

/// The keys the parser reads, by where they are: `profile`, `study_slots`, `breaks` and
/// `progress`. Read from the types themselves, so the JSON Schema and the starter profile can be
/// checked against what `pivot check` accepts.
#[cfg(test)]
pub(crate) fn keys() -> [(&'static str, &'static [&'static str]); 4] {
    [
        ("profile", fields_of::<RawProfile>()),
        ("study_slots", fields_of::<RawSlot>()),
        ("breaks", fields_of::<RawBreak>()),
        ("progress", fields_of::<RawProgress>()),
    ]
}

/// The field names serde derives for `T`, asked of a deserializer that only listens.
#[cfg(test)]
fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    struct Listener(&'static [&'static str]);
    #[derive(Debug)]
    struct Heard;
    impl std::fmt::Display for Heard {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("only listening")
        }
    }
    impl std::error::Error for Heard {}
    impl de::Error for Heard {
        fn custom<M: fmt::Display>(_: M) -> Self {
            Heard
        }
    }
    impl<'de> Deserializer<'de> for &mut Listener {
        type Error = Heard;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Heard> {
            Err(Heard)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Heard> {
            self.0 = fields;
            Err(Heard)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut listener = Listener(&[]);
    let _ = T::deserialize(&mut listener);
    listener.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    pub(super) name: Option<Field>,
    pub(super) plan_id: Option<Field>,
    pub(super) background: Option<Field>,
    pub(super) target_role: Option<Field>,
    pub(super) domain: Option<Field>,
    pub(super) hours_per_week: Option<Field>,
    pub(super) start: Option<Field>,
    pub(super) months: Option<Field>,
    pub(super) timezone: Option<Field>,
    pub(super) study_slots: Option<Spanned<Vec<Spanned<RawSlot>>>>,
    pub(super) route: Option<Field>,
    pub(super) budget: Option<Field>,
    pub(super) currency: Option<Field>,
    pub(super) known_skills: Option<Vec<Field>>,
    pub(super) interests: Option<Vec<Field>>,
    pub(super) breaks: Option<Vec<Spanned<RawBreak>>>,
    pub(super) progress: Option<Spanned<RawProgress>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSlot {
    pub(super) day: Option<Field>,
    pub(super) time: Option<Field>,
    pub(super) hours: Option<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBreak {
    pub(super) from: Option<Field>,
    pub(super) to: Option<Field>,
    pub(super) note: Option<Field>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProgress {
    pub(super) as_of: Option<Field>,
    pub(super) done: Option<Vec<Field>>,
    pub(super) partial: Option<Spanned<Pairs>>,
}

/// A map's entries in the order written, each key with its place, so that an error can point
/// at the key it is about.
#[derive(Debug, Default)]
pub(super) struct Pairs(pub(super) Vec<(Field, Field)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a set of `item-id: hours left` pairs")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(entry) = map.next_entry::<Field, Field>()? {
                    pairs.push(entry);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor)
    }
}
