//! A serde serializer that writes nothing and fails at the first number that
//! is not finite, naming where it is: "no NaN in any output" for anything that
//! derives `Serialize` (JSON would print NaN as `null`, hiding it).

use serde::ser::{self, Serialize};
use std::fmt;

/// Where the first non-finite number is (field names and indices from the root).
#[derive(Debug)]
pub struct NotFinite(pub String);

impl fmt::Display for NotFinite {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "not finite at {}", self.0)
    }
}

impl std::error::Error for NotFinite {}

impl ser::Error for NotFinite {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        NotFinite(msg.to_string())
    }
}

/// `Ok` when every `f32`/`f64` inside `value` is finite.
pub fn check_finite<T: Serialize + ?Sized>(value: &T) -> Result<(), NotFinite> {
    value.serialize(&mut Walker { path: Vec::new() })
}

struct Walker {
    path: Vec<String>,
}

impl Walker {
    fn float(&self, x: f64) -> Result<(), NotFinite> {
        if x.is_finite() {
            Ok(())
        } else {
            Err(NotFinite(format!("{} = {x}", self.path.join("."))))
        }
    }

    fn nested<T: Serialize + ?Sized>(&mut self, key: String, v: &T) -> Result<(), NotFinite> {
        self.path.push(key);
        v.serialize(&mut *self)?;
        self.path.pop();
        Ok(())
    }
}

macro_rules! ignore {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _: $t) -> Result<(), NotFinite> { Ok(()) })*
    };
}

impl<'a> ser::Serializer for &'a mut Walker {
    type Ok = ();
    type Error = NotFinite;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Seq<'a>;
    type SerializeStruct = Seq<'a>;
    type SerializeStructVariant = Seq<'a>;

    ignore!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_char: char, serialize_str: &str, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str);

    fn serialize_f32(self, x: f32) -> Result<(), NotFinite> {
        self.float(f64::from(x))
    }
    fn serialize_f64(self, x: f64) -> Result<(), NotFinite> {
        self.float(x)
    }
    fn serialize_none(self) -> Result<(), NotFinite> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), NotFinite> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), NotFinite> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), NotFinite> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), NotFinite> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), NotFinite> {
        self.nested(variant.to_string(), v)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, NotFinite> {
        Ok(Seq::new(self))
    }
    fn serialize_tuple(self, _: usize) -> Result<Seq<'a>, NotFinite> {
        Ok(Seq::new(self))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Seq<'a>, NotFinite> {
        Ok(Seq::new(self))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Seq<'a>, NotFinite> {
        Ok(Seq::new(self))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Seq<'a>, NotFinite> {
        Ok(Seq::new(self))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Seq<'a>, NotFinite> {
        Ok(Seq::new(self))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Seq<'a>, NotFinite> {
        Ok(Seq::new(self))
    }
}

/// Every compound value: entries are walked with their index or key in the path.
struct Seq<'a> {
    w: &'a mut Walker,
    i: usize,
    key: Option<String>,
}

impl<'a> Seq<'a> {
    fn new(w: &'a mut Walker) -> Self {
        Seq { w, i: 0, key: None }
    }

    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotFinite> {
        let key = self.key.take().unwrap_or_else(|| format!("[{}]", self.i));
        self.i += 1;
        self.w.nested(key, v)
    }
}

macro_rules! sequence {
    ($($trait:ident :: $method:ident),*) => {
        $(impl ser::$trait for Seq<'_> {
            type Ok = ();
            type Error = NotFinite;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotFinite> {
                self.element(v)
            }
            fn end(self) -> Result<(), NotFinite> {
                Ok(())
            }
        })*
    };
}

sequence!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Seq<'_> {
    type Ok = ();
    type Error = NotFinite;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), NotFinite> {
        k.serialize(&mut *self.w)?;
        self.key = serde_json::to_string(k)
            .ok()
            .map(|k| k.trim_matches('"').to_string());
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotFinite> {
        self.element(v)
    }
    fn end(self) -> Result<(), NotFinite> {
        Ok(())
    }
}

macro_rules! fields {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Seq<'_> {
            type Ok = ();
            type Error = NotFinite;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), NotFinite> {
                self.w.nested(key.to_string(), v)
            }
            fn end(self) -> Result<(), NotFinite> {
                Ok(())
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::check_finite;

    #[test]
    fn finds_a_nan_deep_inside_and_passes_none() {
        #[derive(serde::Serialize)]
        struct Inner {
            values: Vec<Option<f64>>,
        }
        #[derive(serde::Serialize)]
        struct Outer {
            name: String,
            inner: Inner,
        }
        let ok = Outer {
            name: "x".into(),
            inner: Inner {
                values: vec![Some(1.0), None],
            },
        };
        assert!(check_finite(&ok).is_ok());
        let bad = Outer {
            name: "x".into(),
            inner: Inner {
                values: vec![Some(1.0), Some(f64::NAN)],
            },
        };
        assert_eq!(check_finite(&bad).unwrap_err().0, "inner.values.[1] = NaN");
        let mut map = std::collections::BTreeMap::new();
        map.insert("profit", f64::INFINITY);
        assert_eq!(check_finite(&map).unwrap_err().0, "profit = inf");
    }
}
