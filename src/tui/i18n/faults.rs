//! The catalogue's page for faults: the database or the index busy, a full disk, a damaged
//! file, a file that cannot be written. Each says in Chinese what happened and what the person
//! can do; the system's own words follow in parentheses only where they name something the
//! sentence cannot (an OS error, what exactly is damaged). English is what the command line
//! prints.

use std::io::ErrorKind;

use crate::domain::Fault;

use super::Language;

impl Language {
    pub fn fault(self, fault: &Fault, english: &str) -> String {
        match self {
            Language::En => english.to_string(),
            Language::Zh => zh_fault(fault),
        }
    }

    /// Why a file could not be written, with the system's words after the Chinese.
    pub fn write_trouble(self, kind: ErrorKind, reason: &str) -> String {
        match (self, zh_write(kind)) {
            (Language::Zh, Some(why)) => format!("{why}（{reason}）"),
            _ => reason.to_string(),
        }
    }
}

fn zh_fault(fault: &Fault) -> String {
    match fault {
        Fault::DatabaseBusy => {
            "数据库正被另一个 vochub 进程（例如一次导入）占用：请稍等片刻再试".into()
        }
        Fault::IndexBusy { seconds } => {
            format!("搜索索引正被另一个 vochub 进程写入，等了 {seconds} 秒仍未结束：请稍等片刻再试")
        }
        Fault::DiskFull { dir } => {
            let place = dir
                .as_deref()
                .map_or_else(|| "数据目录".to_string(), |d| format!("数据目录 {d} "));
            format!("{place}所在的磁盘已满：请在该磁盘上腾出空间后再试；之前保存的内容不会丢失")
        }
        Fault::IndexBroken { detail } => format!(
            "搜索索引已损坏，无法读取：请退出 vochub，运行 `vochub reindex` 从数据库重建索引，\
             数据不会丢失（{detail}）"
        ),
        Fault::DatabaseCorrupt { detail } => format!(
            "数据库文件已损坏，无法读取：请退出 vochub，用备份替换数据目录中的 vochub.db（{detail}）"
        ),
        Fault::DatabaseTooNew { found, known } => format!(
            "数据库由更新版本的 vochub 写入（格式 {found}，本版本只支持到 {known}）：请升级 vochub"
        ),
        Fault::Io { path, detail } => {
            let place = path
                .as_deref()
                .map_or_else(|| "数据".to_string(), |p| format!(" {p} "));
            format!("读写{place}时出错：请检查磁盘和文件权限后再试（{detail}）")
        }
        Fault::Other(english) => format!("vochub 遇到了意外问题（{english}）"),
    }
}

fn zh_write(kind: ErrorKind) -> Option<&'static str> {
    Some(match kind {
        ErrorKind::PermissionDenied => "没有写入权限：请在可写的目录中启动 vochub 再导出",
        ErrorKind::NotFound => "目录不存在",
        ErrorKind::StorageFull => "磁盘已满：请腾出空间后再导出",
        ErrorKind::ReadOnlyFilesystem => "文件系统是只读的：请在可写的目录中启动 vochub 再导出",
        ErrorKind::IsADirectory => "同名的目录已存在",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(fault: Fault) -> String {
        Language::Zh.fault(&fault, "the English")
    }

    #[test]
    fn every_fault_says_what_happened_and_what_to_do_in_chinese() {
        let cases: Vec<(Fault, &str)> = vec![
            (Fault::DatabaseBusy, "另一个 vochub 进程"),
            (Fault::IndexBusy { seconds: 30 }, "等了 30 秒"),
            (
                Fault::DiskFull {
                    dir: Some("/data/voc".into()),
                },
                "数据目录 /data/voc 所在的磁盘已满：请在该磁盘上腾出空间",
            ),
            (Fault::DiskFull { dir: None }, "数据目录所在的磁盘已满"),
            (
                Fault::IndexBroken {
                    detail: "Data corrupted".into(),
                },
                "`vochub reindex`",
            ),
            (
                Fault::DatabaseCorrupt {
                    detail: "database disk image is malformed".into(),
                },
                "用备份替换",
            ),
            (
                Fault::DatabaseTooNew { found: 9, known: 7 },
                "请升级 vochub",
            ),
            (
                Fault::Io {
                    path: Some("/data/voc/index".into()),
                    detail: "Input/output error (os error 5)".into(),
                },
                "读写 /data/voc/index 时出错：请检查磁盘和文件权限后再试（Input/output error (os error 5)）",
            ),
            (Fault::Other("boom".into()), "意外问题（boom）"),
        ];
        for (fault, part) in cases {
            let text = zh(fault.clone());
            assert!(text.contains(part), "{fault:?}: {text}");
            assert!(!text.contains("the English"), "{fault:?}: {text}");
            assert_eq!(Language::En.fault(&fault, "the English"), "the English");
        }
    }

    #[test]
    fn the_system_words_are_kept_only_where_they_add_something() {
        // Busy and full say all there is to say, ending on what to do; a damaged index keeps
        // what is damaged.
        assert!(zh(Fault::DatabaseBusy).ends_with("请稍等片刻再试"));
        assert!(zh(Fault::DiskFull { dir: None }).ends_with("之前保存的内容不会丢失"));
        let broken = zh(Fault::IndexBroken {
            detail: "Data corrupted: 'meta.json'".into(),
        });
        assert!(
            broken.ends_with("（Data corrupted: 'meta.json'）"),
            "{broken}"
        );
    }

    #[test]
    fn a_write_failure_says_why_in_chinese_and_keeps_the_os_words() {
        let reason = "Permission denied (os error 13)";
        assert_eq!(
            Language::Zh.write_trouble(ErrorKind::PermissionDenied, reason),
            "没有写入权限：请在可写的目录中启动 vochub 再导出（Permission denied (os error 13)）"
        );
        assert_eq!(
            Language::En.write_trouble(ErrorKind::PermissionDenied, reason),
            reason
        );
        // A kind with no Chinese words keeps the system's.
        assert_eq!(
            Language::Zh.write_trouble(ErrorKind::Other, "strange"),
            "strange"
        );
    }
}
