//! Field types for serde-derived formats that read what publishers send: a value of an
//! unexpected kind reads as absent instead of failing the whole document.
//!
//! A derived struct fails on the first field of the wrong type (`"summary": 5`), and an
//! untagged enum would buffer every value to try each variant. These types each take any
//! JSON value with one visitor (`deserialize_any`) and keep what they can use; containers
//! they have no use for are skipped (drained, which serde_json needs and costs
//! serde-wasm-bindgen nothing: its ignored values are never converted).

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The `visit_*` methods of the scalar kinds a visitor has no use for, each giving `$value`
/// (`str: true` includes strings).
macro_rules! other_kinds_read_as {
    ($value:expr, str: true) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
        other_kinds_read_as!($value, str: false);
    };
    ($value:expr, str: false) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}
pub(crate) use other_kinds_read_as;

/// Any JSON scalar, read as it is; an object or array reads as [`Scalar::Other`]. The leaf
/// type of derived structs: `"width": "800px"` and `"id": 42` read as well as the schema's
/// own kinds, and the conversion methods say what a field wants.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Scalar {
    /// Missing, `null`, or an object or array where a scalar was expected.
    #[default]
    Other,
    Bool(bool),
    Number(f64),
    String(String),
}

impl Scalar {
    /// The string, untrimmed.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::String(s) => Some(s),
            _ => None,
        }
    }

    /// Non-blank text, trimmed.
    pub fn text(&self) -> Option<String> {
        let trimmed = self.as_str()?.trim();
        (!trimmed.is_empty()).then(|| trimmed.to_owned())
    }

    /// A number, also when written as a string (`"800"`, `"800px"`).
    pub fn number(&self) -> Option<f64> {
        match self {
            Scalar::Number(n) => Some(*n),
            Scalar::String(s) => crate::number::parse_decimal(s.trim().trim_end_matches("px")),
            _ => None,
        }
    }

    /// An id as text: a string, or a whole number.
    pub fn id(&self) -> Option<String> {
        match self {
            Scalar::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                Some(crate::number::decimal(*n as i64))
            }
            _ => self.text(),
        }
    }

    /// Only `true` is true.
    pub fn is_true(&self) -> bool {
        matches!(self, Scalar::Bool(true))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
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
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::String(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::String(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
                skip_seq(seq).map(|_| Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
                skip_map(map).map(|_| Scalar::Other)
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// What a value may also be given as besides an object: a string (an image by its URL, an
/// author by name). Objects read as the derived type itself.
pub trait FromString: Sized {
    fn from_string(_value: String) -> Option<Self> {
        None
    }
}

/// An object read as `T` (or a string, where `T` takes one); anything else is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Loose<T>(pub Option<T>);

impl<T> Default for Loose<T> {
    fn default() -> Self {
        Loose(None)
    }
}

impl<'de, T: Deserialize<'de> + FromString> Deserialize<'de> for Loose<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Loose<T>, D::Error> {
        deserializer.deserialize_any(LooseVisitor(PhantomData))
    }
}

struct LooseVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + FromString> Visitor<'de> for LooseVisitor<T> {
    type Value = Loose<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Loose<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|t| Loose(Some(t)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose<T>, E> {
        Ok(Loose(T::from_string(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose<T>, E> {
        Ok(Loose(T::from_string(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Loose<T>, A::Error> {
        skip_seq(seq).map(|_| Loose(None))
    }
    other_kinds_read_as!(Loose(None), str: false);
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose<T>, D::Error> {
        Loose::deserialize(d)
    }
}

/// An array whose usable elements (see [`Loose`]) are kept in order; `None` for anything but
/// an array, so that a listing's `items` can be told from an article without them.
#[derive(Debug, Clone, PartialEq)]
pub struct Seq<T>(pub Option<Vec<T>>);

impl<T> Default for Seq<T> {
    fn default() -> Self {
        Seq(None)
    }
}

impl<T> Seq<T> {
    /// The elements; none for a value that was not an array.
    pub fn into_vec(self) -> Vec<T> {
        self.0.unwrap_or_default()
    }
}

impl<'de, T: Deserialize<'de> + FromString> Deserialize<'de> for Seq<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Seq<T>, D::Error> {
        struct SeqVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + FromString> Visitor<'de> for SeqVisitor<T> {
            type Value = Seq<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Seq<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(Loose(item)) = seq.next_element::<Loose<T>>()? {
                    items.extend(item);
                }
                Ok(Seq(Some(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Seq<T>, A::Error> {
                skip_map(map).map(|_| Seq(None))
            }
            other_kinds_read_as!(Seq(None), str: true);
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Seq<T>, D::Error> {
                Seq::deserialize(d)
            }
        }
        deserializer.deserialize_any(SeqVisitor(PhantomData))
    }
}

/// Texts given as an array of strings or as one comma-separated string (schema.org
/// `keywords` style); blank ones are dropped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts(pub Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Texts, D::Error> {
        struct TextsVisitor;
        impl<'de> Visitor<'de> for TextsVisitor {
            type Value = Texts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, line: &str) -> Result<Texts, E> {
                Ok(Texts(
                    line.split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned)
                        .collect(),
                ))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
                let mut texts = Vec::new();
                while let Some(item) = seq.next_element::<Scalar>()? {
                    texts.extend(item.text());
                }
                Ok(Texts(texts))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Texts, A::Error> {
                skip_map(map).map(|_| Texts::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Texts, D::Error> {
                Texts::deserialize(d)
            }
            other_kinds_read_as!(Texts::default(), str: false);
        }
        deserializer.deserialize_any(TextsVisitor)
    }
}

/// Consumes the rest of an array without reading it.
pub fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Consumes the rest of an object without reading it.
pub fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}
