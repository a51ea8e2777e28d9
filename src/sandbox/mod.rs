//! The Sandbox: both APIs simulated in process. (Placeholder until it lands.)
