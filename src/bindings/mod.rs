//! JS bindings
