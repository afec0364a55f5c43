//! Decimal numbers as sources write them (`720`, `1.5`, `-2e3`), read without the standard
//! float parser: its correctly rounded algorithm brings 10 KB of tables into the wasm, and
//! the widget only reads sizes, positions and `srcset` densities, where the last bit of
//! precision does not matter.
//!
//! Numbers are written by [`push_decimal`], not `format!`: one `format!` anywhere brings
//! `core::fmt` (its formatter, padding and integer tables) into the wasm.

/// The value of a decimal number: optional sign, digits with an optional fraction, an
/// optional exponent. `None` for anything else, and for results that are not finite.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let negative = match bytes.first() {
        Some(b'-') => {
            at += 1;
            true
        }
        Some(b'+') => {
            at += 1;
            false
        }
        _ => false,
    };
    let mut mantissa = 0.0_f64;
    let mut scale = 0_i32;
    let mut digits = 0;
    while let Some(d) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
        mantissa = mantissa * 10.0 + f64::from(d - b'0');
        digits += 1;
        at += 1;
    }
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        while let Some(d) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
            mantissa = mantissa * 10.0 + f64::from(d - b'0');
            scale = scale.saturating_sub(1);
            digits += 1;
            at += 1;
        }
    }
    if digits == 0 {
        return None;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        let sign = match bytes.get(at) {
            Some(b'-') => {
                at += 1;
                -1
            }
            Some(b'+') => {
                at += 1;
                1
            }
            _ => 1,
        };
        let start = at;
        let mut exponent = 0_i32;
        while let Some(d) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
            exponent = exponent
                .saturating_mul(10)
                .saturating_add(i32::from(d - b'0'));
            at += 1;
        }
        if at == start {
            return None;
        }
        scale = scale.saturating_add(sign * exponent);
    }
    if at != bytes.len() {
        return None;
    }
    let value = mantissa * 10f64.powi(scale);
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// Appends `n` in decimal, zero-padded to at least `width` digits (`format!("{n:0width$}")`).
pub fn push_decimal(out: &mut String, n: i64, width: usize) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // The sign counts towards the width, as in `format!`.
    for _ in digits.len() - at + usize::from(n < 0)..width {
        out.push('0');
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// `n` in decimal.
pub fn decimal(n: i64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::{decimal, parse_decimal, push_decimal};

    #[test]
    fn writes_integers_as_format_does() {
        for n in [0, 7, 10, 99, 2020, -5, -120, i64::MAX, i64::MIN] {
            assert_eq!(decimal(n), n.to_string());
            for width in [0, 2, 4] {
                let mut out = String::from("x");
                push_decimal(&mut out, n, width);
                assert_eq!(out, format!("x{n:0width$}"), "{n} width {width}");
            }
        }
    }

    #[test]
    fn reads_integers_fractions_and_exponents() {
        assert_eq!(parse_decimal("720"), Some(720.0));
        assert_eq!(parse_decimal("1.5"), Some(1.5));
        assert_eq!(parse_decimal(".5"), Some(0.5));
        assert_eq!(parse_decimal("2."), Some(2.0));
        assert_eq!(parse_decimal("-3"), Some(-3.0));
        assert_eq!(parse_decimal("+4"), Some(4.0));
        assert_eq!(parse_decimal("2e3"), Some(2000.0));
        assert_eq!(parse_decimal("25E-1"), Some(2.5));
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "", "-", ".", "e3", "1e", "1e+", "12px", " 1", "1 ", "inf", "NaN", "0x10", "1.2.3",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
        assert_eq!(parse_decimal("1e999"), None);
    }
}
