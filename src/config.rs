//! Configuration: where the data lives, who the user is, which dictionaries and language to use.
//! One TOML file; every key is documented in `assets/config.toml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::import::{CompanyHandles, CompanySenders};

/// The documented default configuration, shown by `vochub config` and used when no file exists.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Name written into the journal; `$USER` when unset.
    pub user: Option<String>,
    /// Interface language: "zh" or "en"; from `LC_ALL`/`LANG` when unset.
    pub language: Option<String>,
    /// Extra jieba dictionaries (product names, slang), one word per line.
    pub dictionaries: Vec<PathBuf>,
    /// Key bindings for the terminal interface: action name → keys.
    pub keys: std::collections::BTreeMap<String, Vec<String>>,
    /// The company's own mail domains and addresses: mail from them is not imported.
    pub company_senders: CompanySenders,
    /// The company's own accounts (handles, official account names): what they wrote is not
    /// imported.
    pub company_handles: CompanyHandles,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("config {path}: {message}")]
    Parse { path: String, message: String },
    #[error(
        "no data directory: pass --data-dir DIR or set VOCHUB_DATA_DIR (this system has no standard data directory)"
    )]
    NoDataDir,
}

impl Config {
    /// Reads `path` when given, else `config.toml` in the platform config dir when it exists.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None => match default_config_path() {
                Some(p) if p.exists() => p,
                _ => return Ok(Config::default()),
            },
        };
        let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Read {
            path: path.display().to_string(),
            source: e,
        })?;
        Self::parse(&text, &path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    }

    /// Who is acting, for the journal.
    pub fn user_name(&self) -> String {
        self.user
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| "unknown".to_string())
    }
}

pub fn default_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "vochub").map(|d| d.config_dir().join("config.toml"))
}

/// `--data-dir`, else `$VOCHUB_DATA_DIR`, else the platform data dir.
pub fn resolve_data_dir(flag: Option<&Path>) -> Result<PathBuf, ConfigError> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("VOCHUB_DATA_DIR").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "vochub")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or(ConfigError::NoDataDir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_parses() {
        Config::parse(DEFAULT_CONFIG, Path::new("assets/config.toml")).unwrap();
    }

    #[test]
    fn company_senders_are_read_and_a_bad_one_is_named() {
        let config = Config::parse(
            "company_senders = [\"yunque.com\", \"help@partner.example\"]",
            Path::new("c.toml"),
        )
        .unwrap();
        assert!(config.company_senders.sent("li@help.yunque.com"));
        assert!(!config.company_senders.sent("li@163.com"));
        let err = Config::parse("company_senders = [\"support@\"]", Path::new("c.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("config c.toml: ")
                && err.contains("company_senders: 'support@' is neither a mail domain"),
            "{err}"
        );
    }

    #[test]
    fn unknown_key_is_named() {
        let err = Config::parse("colour = 1", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
    }
}
