//! Plain-English helpers shared by the window and the command line.

/// "1 check-in", "3 check-ins", "1,301 check-ins": a count with the word
/// that fits it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", grouped(n))
    }
}

/// A whole number with commas between thousands: "1,301".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// "a", "a and b", "a, b and c": names in a sentence.
pub fn and_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "check-in", "check-ins"), "1 check-in");
        assert_eq!(count(0, "check-in", "check-ins"), "0 check-ins");
        assert_eq!(count(12, "session", "sessions"), "12 sessions");
        assert_eq!(count(1301, "check-in", "check-ins"), "1,301 check-ins");
    }

    #[test]
    fn thousands_are_grouped() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1234567, "1,234,567"),
        ];
        for (n, text) in cases {
            assert_eq!(grouped(n), text);
        }
    }

    #[test]
    fn names_are_joined_as_in_a_sentence() {
        assert_eq!(and_list(&[]), "");
        assert_eq!(and_list(&["a.csv"]), "a.csv");
        assert_eq!(and_list(&["a.csv", "b.csv"]), "a.csv and b.csv");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }
}
