use super::*;

#[test]
fn direction_values_name_a_side_and_unknown_ones_none() {
    for v in [
        "True", "1", "yes", "Inbound", " IN ", "customer", "客户", "是", "",
    ] {
        assert_eq!(side_of(v), Some(Side::Customer), "{v:?}");
    }
    for v in [
        "False", "FALSE", "0", "no", "Outbound", "out", "agent", "客服", "否",
    ] {
        assert_eq!(side_of(v), Some(Side::Company), "{v:?}");
    }
    for v in ["maybe", "2", "inbound?", "falsch", "客"] {
        assert_eq!(side_of(v), None, "{v:?}");
    }
}

fn senders(entries: &[&str]) -> Result<CompanySenders, BadSender> {
    CompanySenders::try_from(entries.iter().map(|e| e.to_string()).collect::<Vec<_>>())
}

#[test]
fn domains_cover_subdomains_and_addresses_match_whole() {
    let s = senders(&["Yunque.com", "@lark.cn", "help@partner.example"]).unwrap();
    for from in [
        "support@yunque.com",
        "Agent@HELP.YUNQUE.COM",
        "a@lark.cn",
        "HELP@partner.example",
    ] {
        assert!(s.sent(from), "{from}");
    }
    for from in [
        "li@notyunque.com",
        "yunque.com@gmail.com",
        "other@partner.example",
        "no address",
        "张三@yunque.com.cn",
    ] {
        assert!(!s.sent(from), "{from}");
    }
    assert_eq!(senders(&[]).unwrap(), CompanySenders::default());
    assert!(!CompanySenders::default().sent("a@b.c"));
}

#[test]
fn an_entry_that_is_no_domain_or_address_is_named() {
    for bad in [
        "",
        " ",
        "a@b@c",
        "support@",
        "@",
        "yunque .com",
        "<a@b.c>",
        ".com",
    ] {
        let err = senders(&["ok.com", bad]).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("company_senders: '{bad}' is neither")),
            "{err}"
        );
    }
}

use crate::import::tests::{VecSink, run, run_with, shared_data, temp_dir};
use crate::import::{Format, ImportOptions, Skip, Target, import_path};

fn mapped(pairs: &[(Target, &str)]) -> ImportOptions {
    ImportOptions {
        maps: pairs.iter().map(|(t, c)| (*t, c.to_string())).collect(),
        ..ImportOptions::default()
    }
}

fn skips(report: &crate::import::FileReport) -> Vec<(Skip, usize)> {
    report.skipped.iter().map(|s| (s.why, s.count)).collect()
}

const CHAT_LOG: &str = "id,direction,message\n\
                        1,inbound,my order never came\n\
                        2,outbound,Sorry! We will check\n\
                        3,maybe,is this thing on\n\
                        4,,still waiting\n\
                        5,客服,已为您补发\n\
                        6,客户,收到了谢谢\n";

#[test]
fn a_mapped_inbound_column_skips_the_companys_rows_and_rejects_unknown_values() {
    let opts = mapped(&[(Target::Inbound, "direction")]);
    let (report, sink) = run_with("chat_log.csv", CHAT_LOG.as_bytes(), &opts);
    let report = report.unwrap();
    assert_eq!((report.format, report.read), (Format::Csv, 6));
    assert!(
        report
            .mapping
            .contains(&("inbound".into(), "direction".into()))
    );
    assert_eq!(
        sink.kept(),
        [
            ("1", "my order never came"),
            ("4", "still waiting"),
            ("6", "收到了谢谢")
        ]
    );
    assert_eq!(skips(&report), [(Skip::CompanyMarked, 2)]);
    // The bad value is one reject naming its line, column and value; the rows after it are read.
    assert_eq!(sink.rejected.len(), 1);
    assert!(sink.rejected[0].file.ends_with("chat_log.csv"));
    assert_eq!(sink.rejected[0].line, 4);
    assert!(
        sink.rejected[0].reason.starts_with(
            "unrecognised value 'maybe' in column 'direction' (field inbound); expected True/False"
        ),
        "{}",
        sink.rejected[0].reason
    );
    // A kept row is stored as it was before the column was mapped: the column is in `extra`.
    assert_eq!(sink.accepted[0].extra["direction"], "inbound");
}

#[test]
fn without_the_mapping_every_row_is_kept_as_before() {
    let (report, sink) = run("chat_log.csv", CHAT_LOG);
    let report = report.unwrap();
    assert_eq!((report.read, sink.accepted.len()), (6, 6));
    assert!(report.skipped.is_empty() && sink.rejected.is_empty());
    assert!(!report.mapping.iter().any(|(field, _)| field == "inbound"));
}

#[test]
fn a_saved_mapping_names_the_column_and_json_booleans_are_read() {
    let saved =
        crate::import::SavedMapping::parse("[columns]\n\"方向\" = \"direction\"\n").unwrap();
    let mut opts = ImportOptions::default();
    saved.apply_to(&mut opts);
    let text = "编号,方向,内容\n1,呼入,表带断了\n2,呼出,已补发\n3,是,还没收到\n";
    let (report, sink) = run_with("工单.csv", text.as_bytes(), &opts);
    let bodies: Vec<&str> = sink.accepted.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(bodies, ["表带断了", "还没收到"]);
    assert_eq!(skips(&report.unwrap()), [(Skip::CompanyMarked, 1)]);

    let opts = mapped(&[(Target::Inbound, "meta.inbound")]);
    let text = "{\"text\": \"refund please\", \"meta\": {\"inbound\": true}}\n\
                {\"text\": \"Refund sent\", \"meta\": {\"inbound\": false}}\n\
                {\"text\": \"thanks\", \"meta\": {\"inbound\": \"perhaps\"}}\n\
                {\"text\": \"got it\"}\n";
    let (report, sink) = run_with("chat.jsonl", text.as_bytes(), &opts);
    let bodies: Vec<&str> = sink.accepted.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(bodies, ["refund please", "got it"]);
    assert_eq!(skips(&report.unwrap()), [(Skip::CompanyMarked, 1)]);
    assert_eq!(sink.rejected[0].line, 3);
    assert!(
        sink.rejected[0]
            .reason
            .starts_with("unrecognised value 'perhaps' in column 'meta.inbound' (field inbound)"),
        "{}",
        sink.rejected[0].reason
    );
}

fn company(entries: &[&str]) -> ImportOptions {
    ImportOptions {
        company_senders: senders(entries).unwrap(),
        ..ImportOptions::default()
    }
}

/// A customer's mail and the company's answer, the answer with no text of its own.
const INBOX: &str = "From li@163.com Mon Oct  5 10:00:00 2026\n\
                     From: Li <li@163.com>\nSubject: refund\nMessage-ID: <c1@163.com>\n\n\
                     Where is my refund?\n\n\
                     From support@help.yunque.example Mon Oct  5 11:00:00 2026\n\
                     From: Lark Support <Support@Help.Yunque.Example>\nSubject: Re: refund\n\
                     Message-ID: <s1@yunque.example>\n\n\
                     > Where is my refund?\n";

#[test]
fn mail_from_the_companys_senders_is_skipped_and_counted() {
    let (report, sink) = run_with(
        "inbox.mbox",
        INBOX.as_bytes(),
        &company(&["yunque.example"]),
    );
    let report = report.unwrap();
    assert_eq!((report.format, report.read), (Format::Mbox, 2));
    assert_eq!(sink.accepted.len(), 1);
    assert_eq!(sink.accepted[0].body, "Where is my refund?");
    assert_eq!(sink.rejected, vec![]);
    assert_eq!(skips(&report), [(Skip::CompanyMail, 1)]);

    // Unset, the company's answer is read as before (and, all quote, kept whole).
    let (report, sink) = run("inbox.mbox", INBOX);
    assert!(report.unwrap().skipped.is_empty());
    assert_eq!(sink.accepted.len(), 2);
}

#[test]
fn a_maildir_skips_the_companys_messages_too() {
    let dir = temp_dir();
    for sub in ["cur", "new"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let msg = |from: &str, body: &str| format!("From: {from}\nSubject: s\n\n{body}\n");
    std::fs::write(dir.join("cur/1"), msg("a@163.com", "Screen cracked.")).unwrap();
    std::fs::write(dir.join("cur/2"), msg("agent@yunque.example", "Sorry!")).unwrap();
    let mut sink = VecSink::default();
    let opts = company(&["agent@yunque.example"]);
    let report = import_path(&dir, &opts, &mut sink).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!((report.format, report.read), (Format::Maildir, 2));
    assert_eq!(sink.accepted.len(), 1);
    assert_eq!(sink.accepted[0].body, "Screen cracked.");
    assert_eq!(skips(&report), [(Skip::CompanyMail, 1)]);
}

/// The shared mbox was collected at spamassassin.taint.org, whose own feed robot mailed it:
/// taken as the company, its mail is skipped and everyone else's kept.
#[test]
fn shared_mbox_skips_the_mail_its_own_domain_sent() {
    let Some(path) = shared_data("en_email_spamassassin_sample.mbox") else {
        return;
    };
    let domain = "spamassassin.taint.org";
    let mut all = VecSink::default();
    import_path(&path, &ImportOptions::default(), &mut all).unwrap();
    let own = |email: &str| {
        let email = email.to_ascii_lowercase();
        email.ends_with(&format!("@{domain}")) || email.ends_with(&format!(".{domain}"))
    };
    let from_own = all
        .accepted
        .iter()
        .filter(|r| r.contact.email.as_deref().is_some_and(own))
        .count();
    assert!(from_own > 0);

    let mut sink = VecSink::default();
    let report = import_path(&path, &company(&[domain]), &mut sink).unwrap();
    assert_eq!(report.read, all.accepted.len() + all.rejected.len());
    assert_eq!(skips(&report), [(Skip::CompanyMail, from_own)]);
    assert_eq!(sink.accepted.len(), all.accepted.len() - from_own);
    assert!(
        sink.accepted
            .iter()
            .all(|r| !r.contact.email.as_deref().is_some_and(own))
    );
}

#[test]
fn inbound_is_a_field_of_map_and_direction_its_other_name() {
    assert_eq!("direction".parse::<Target>(), Ok(Target::Inbound));
    let err = "sender".parse::<Target>().unwrap_err().to_string();
    assert!(err.contains("source, inbound)"), "{err}");
}

fn handles(entries: &[&str]) -> Result<CompanyHandles, BadHandle> {
    CompanyHandles::try_from(entries.iter().map(|e| e.to_string()).collect::<Vec<_>>())
}

#[test]
fn handles_match_without_their_at_sign_or_case_and_an_empty_one_is_named() {
    let h = handles(&["@Yunque_Help", "云雀官方客服", "＠LarkCare"]).unwrap();
    for author in ["yunque_help", "@YUNQUE_HELP", " 云雀官方客服 ", "larkcare"] {
        assert!(h.wrote(Some(author)), "{author}");
    }
    for author in ["yunque_help2", "云雀", "li@yunque_help", ""] {
        assert!(!h.wrote(Some(author)), "{author}");
    }
    assert!(!h.wrote(None));
    assert!(!CompanyHandles::default().wrote(Some("anyone")));
    for bad in ["", " ", "@", "＠ "] {
        let err = handles(&["ok", bad]).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("company_handles: '{bad}' names no account")),
            "{err}"
        );
    }
}

#[test]
fn records_by_the_companys_accounts_are_skipped_in_any_format() {
    let opts = ImportOptions {
        company_handles: handles(&["@yunque_help", "云雀官方客服"]).unwrap(),
        ..ImportOptions::default()
    };
    let csv = "id,author,text\n1,li_na,表带断了\n2,云雀官方客服,已为您补发\n3,@Yunque_Help,Sent!\n";
    let (report, sink) = run_with("weibo.csv", csv.as_bytes(), &opts);
    let bodies: Vec<&str> = sink.accepted.iter().map(|r| r.body.as_str()).collect();
    assert_eq!(bodies, ["表带断了"]);
    let report = report.unwrap();
    assert_eq!(report.read, 3);
    assert_eq!(skips(&report), [(Skip::CompanyAccount, 2)]);

    let jsonl = "{\"text\": \"refund please\", \"author\": \"wang\"}\n\
                 {\"text\": \"Refund sent\", \"author\": \"YUNQUE_HELP\"}\n";
    let (report, sink) = run_with("x.jsonl", jsonl.as_bytes(), &opts);
    assert_eq!(sink.accepted.len(), 1);
    assert_eq!(skips(&report.unwrap()), [(Skip::CompanyAccount, 1)]);

    // Unset, every author is a customer.
    let (report, sink) = run("weibo.csv", csv);
    assert_eq!((report.unwrap().skipped.len(), sink.accepted.len()), (0, 3));
}
