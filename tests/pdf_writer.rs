//! The lopdf that writes pivot's PDF (vendor/lopdf) writes real numbers and hexadecimal strings
//! with code of its own instead of Rust's formatting machinery; these check that it gives the
//! bytes `format!("{:.02?}")` and `{:02X}` gave, for every kind of value. It also holds each
//! operation's operator without an allocation of its own when PDF defines it.

use std::borrow::Cow;

use pdf_writer::content::{Content, Operation};
use pdf_writer::{Object, StringFormat};
use proptest::prelude::*;

/// `object` as a page's content writes it, the operand of an operation (`Tw`, say) given alone.
fn written(object: &Object) -> String {
    let content = Content {
        operations: vec![Operation::new("Tw", vec![object.clone()])],
    };
    let bytes = content.encode().expect("encoding to memory cannot fail");
    let text = String::from_utf8(bytes).expect("the writer writes ASCII");
    text.strip_suffix(" Tw\n")
        .expect("the operand comes before the operator")
        .to_string()
}

fn assert_real_as_before(value: f64) {
    assert_eq!(
        written(&Object::Real(value)),
        format!("{value:.02?}"),
        "{value:e} (bits {:#018x})",
        value.to_bits()
    );
}

#[test]
fn reals_on_a_dense_grid_of_page_coordinates_are_written_as_before() {
    // Every 1/256 of a point from -1,500 to 1,500 (a sheet is under 1,000 points), which
    // includes every tie between two hundredths that a multiple of 1/8 makes.
    for step in -384_000..=384_000 {
        assert_real_as_before(f64::from(step) / 256.0);
    }
}

#[test]
fn reals_next_to_every_half_hundredth_are_written_as_before() {
    // The values closest to n + k/100 + 1/200 on either side decide the rounding.
    for hundredths in -150_000i32..150_000 {
        let half = (f64::from(hundredths) + 0.5) / 100.0;
        for value in [half.next_down(), half, half.next_up()] {
            assert_real_as_before(value);
        }
    }
}

#[test]
fn special_and_extreme_reals_are_written_as_before() {
    let values = [
        0.0,
        -0.0,
        -0.001,
        -0.005,
        0.005,
        0.125,
        0.375,
        -0.625,
        2.5,
        1e15,
        -123_456_789.125,
        184_467_440_737_095.5,
        184_467_440_737_095.52,
        184_467_440_737_095.53,
        1.8446744073709552e17,
        9.223372036854776e18,
        1.8446744073709552e19,
        1e20,
        -1e300,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::from_bits(1),
        -f64::from_bits(1),
        f64::EPSILON,
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::from(f32::MAX),
        f64::from(0.1f32),
        f64::from(-841.89f32),
    ];
    for value in values {
        assert_real_as_before(value);
    }
}

#[test]
fn pdf_operators_are_held_without_a_copy_and_any_operator_is_written_as_given() {
    let defined = "b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs \
                   h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD \
                   Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"";
    let defined: Vec<&str> = defined.split_whitespace().collect();
    assert_eq!(defined.len(), 73, "PDF 1.7 defines 73 operators");
    let others = ["", "BDCX", "tf", "Tj ", "l\n", "x"];
    for operator in defined.iter().chain(&others) {
        let operation = Operation::new(operator, vec![Object::Integer(1)]);
        assert_eq!(
            matches!(operation.operator, Cow::Borrowed(_)),
            defined.contains(operator),
            "{operator:?}"
        );
        let content = Content {
            operations: vec![operation],
        };
        let bytes = content.encode().expect("encoding to memory cannot fail");
        assert_eq!(bytes, format!("1 {operator}\n").into_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn any_real_is_written_as_before(bits in any::<u64>()) {
        let value = f64::from_bits(bits);
        prop_assert_eq!(written(&Object::Real(value)), format!("{value:.02?}"));
    }

    #[test]
    fn reals_up_to_a_million_are_written_as_before(value in -1e6f64..1e6) {
        prop_assert_eq!(written(&Object::Real(value)), format!("{value:.02?}"));
    }

    #[test]
    fn hexadecimal_strings_are_written_as_before(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let expected: String = std::iter::once("<".to_string())
            .chain(bytes.iter().map(|byte| format!("{byte:02X}")))
            .chain(std::iter::once(">".to_string()))
            .collect();
        let object = Object::String(bytes, StringFormat::Hexadecimal);
        prop_assert_eq!(written(&object), expected);
    }
}
