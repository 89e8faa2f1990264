//! Small drawing and text helpers shared by the screens.

pub mod input;
pub mod text;
pub mod wrap;
