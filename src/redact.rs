//! `Debug` for types that hold personal data: the type name and nothing else.

/// Implements `Debug` as `Name { .. [redacted] }`.
#[macro_export]
#[doc(hidden)]
macro_rules! redacted_debug {
    ($($t:ty),+ $(,)?) => {
        $(
            impl ::std::fmt::Debug for $t {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(concat!(stringify!($t), " { .. [redacted] }"))
                }
            }
        )+
    };
}
