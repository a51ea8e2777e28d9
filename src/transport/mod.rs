//! fetch transport
