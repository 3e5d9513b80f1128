//! The plan as JSON, exactly as the `Plan` model serialises.

use crate::error::Error;
use crate::plan::Plan;

pub fn render(plan: &Plan) -> Result<Vec<u8>, Error> {
    let mut bytes = serde_json::to_vec_pretty(plan).map_err(|err| Error::Render {
        format: "json",
        message: err.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}
