use super::*;
use crate::import::tests::{VecSink, run, temp_dir};
use crate::import::{Format, ImportOptions, import_path};

#[test]
fn replies_lose_quotes_forwarded_headers_and_signatures() {
    let en = "Still broken after the update.\n\nOn Tue, Oct 6, 2026 at 10:02 AM Lark Support <support@yunque.example> wrote:\n> Please update the app.\n";
    assert_eq!(trim_reply(en), "Still broken after the update.");
    let wrapped = "Thanks!\nOn Tue, Oct 6, 2026 at 10:02 AM Lark Support\n<support@yunque.example> wrote:\n> hi";
    assert_eq!(trim_reply(wrapped), "Thanks!");
    let zh = "换了新表带还是会掉。\n\n在 2026年10月6日 10:02，云雀客服 <support@yunque.example> 写道：\n> 您好，已为您补发表带。";
    assert_eq!(trim_reply(zh), "换了新表带还是会掉。");
    let outlook = "请尽快处理。\n\n发件人: 云雀客服\n发送时间: 2026年10月6日 10:02\n收件人: 陈立\n主题: 回复：闪退";
    assert_eq!(trim_reply(outlook), "请尽快处理。");
    let qq = "好的\n\n------------------ 原始邮件 ------------------\n发件人: x";
    assert_eq!(trim_reply(qq), "好的");
    let sig = "耳机左耳没声音。\n\n-- \n王建国\n杭州西溪智能家居有限公司\n";
    assert_eq!(trim_reply(sig), "耳机左耳没声音。");
    assert_eq!(trim_reply("收到，谢谢\n发自我的iPhone"), "收到，谢谢");
    let inline = "> 您的订单号是多少？\nLK20261003001\n> 收货地址？\n杭州";
    assert_eq!(trim_reply(inline), "LK20261003001\n杭州");
}

#[test]
fn email_files_are_recognised_by_content() {
    let mbox = b"From a@b.c Mon Oct  5 10:00:00 2026\nFrom: a@b.c\nSubject: x\n\nhi\n";
    assert_eq!(sniff(mbox, "txt"), Some(Format::Mbox));
    let eml = b"Return-Path: <a@b.c>\nFrom: a@b.c\nSubject: x\n\nhi\n";
    assert_eq!(sniff(eml, ""), Some(Format::Eml));
    assert_eq!(sniff(b"From,To,Subject\n1,2,3\n", "csv"), None);
    assert_eq!(sniff(b"id,text\n1,From: me\n", "csv"), None);
}

#[test]
fn encoded_words_and_legacy_charsets_are_decoded() {
    let gbk_body = encoding_rs::GBK.encode("表带第三周就断了，要求换新。").0;
    let mut raw = b"From: =?GB2312?B?wdbP/s7E?= <linxiaowen@163.com>\r\n\
Subject: =?big5?B?p+u2RKTiv/Y=?=\r\n\
Date: Mon, 05 Oct 2026 10:02:03 +0800\r\n\
Message-ID: <m1@163.com>\r\n\
In-Reply-To: <r0@yunque.example>\r\n\
Content-Type: text/plain; charset=GBK\r\n\
Content-Transfer-Encoding: 8bit\r\n\r\n"
        .to_vec();
    raw.extend_from_slice(&gbk_body);
    let (report, sink) = crate::import::tests::run_with("m.eml", &raw, &ImportOptions::default());
    assert_eq!(report.unwrap().format, Format::Eml);
    let rec = &sink.accepted[0];
    assert_eq!(rec.body, "表带第三周就断了，要求换新。");
    assert_eq!(rec.author.as_deref(), Some("林晓文"));
    assert_eq!(rec.title.as_deref(), Some("投訴手錶"));
    assert_eq!(rec.contact.email.as_deref(), Some("linxiaowen@163.com"));
    assert_eq!(
        rec.created_at.unwrap().to_rfc3339(),
        "2026-10-05T10:02:03+08:00"
    );
    assert_eq!(rec.external_id.as_deref(), Some("m1@163.com"));
    assert_eq!(rec.extra["thread_id"], "r0@yunque.example");
}

#[test]
fn maildir_folders_import_and_other_folders_are_refused() {
    let dir = temp_dir();
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let msg = |id: &str, body: &str| {
        format!(
            "From: Priya <priya.nair@example.com>\nSubject: s\nMessage-ID: <{id}@x>\nDate: Mon, 5 Oct 2026 02:00:00 +0000\n\n{body}\n"
        )
    };
    std::fs::write(
        dir.join("cur/1001.M1.host:2,S"),
        msg("a", "Battery drains overnight."),
    )
    .unwrap();
    std::fs::write(dir.join("new/1002.M2.host"), msg("b", "")).unwrap();
    std::fs::write(dir.join("tmp/1003.M3.host"), msg("c", "in delivery")).unwrap();
    std::fs::write(dir.join("new/1004.M4.host"), msg("a", "Still draining.")).unwrap();
    let mut sink = VecSink::default();
    let report = import_path(&dir, &ImportOptions::default(), &mut sink).unwrap();
    assert_eq!((report.format, report.read), (Format::Maildir, 3));
    assert_eq!(
        sink.repeated[0].reason,
        "message new/1004.M4.host: id \"a@x\" also in message cur/1001.M1.host:2,S; \
         this later one is kept"
    );
    assert_eq!(sink.accepted[0].body, "Battery drains overnight.");
    assert_eq!(sink.rejected[0].line, 1);
    assert!(
        sink.rejected[0]
            .reason
            .starts_with("message new/1002.M2.host: empty body"),
        "{}",
        sink.rejected[0].reason
    );
    std::fs::remove_dir_all(dir.join("cur")).unwrap();
    let err = import_path(&dir, &ImportOptions::default(), &mut sink).unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
    let (_, sink) = run(
        "x.mbox",
        "From x Mon Oct  5 10:00:00 2026\nFrom: a@b.c\n\n>From here on\n",
    );
    assert_eq!(sink.accepted[0].body, "From here on");
}

#[test]
fn shared_multi_charset_mbox_reads_as_text() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/en_email_spamassassin_sample.mbox");
    if !path.exists() {
        eprintln!("skipping: {} is absent", path.display());
        return;
    }
    let mut sink = VecSink::default();
    let report = import_path(&path, &ImportOptions::default(), &mut sink).unwrap();
    assert_eq!((report.format, report.read), (Format::Mbox, 200));
    assert_eq!(sink.rejected, vec![]);
    let damaged: Vec<&str> = sink
        .accepted
        .iter()
        .filter(|r| {
            r.body.contains('\u{FFFD}') || r.title.as_deref().unwrap_or("").contains('\u{FFFD}')
        })
        .map(|r| r.external_id.as_deref().unwrap_or("?"))
        .collect();
    assert!(damaged.is_empty(), "replacement characters in {damaged:?}");
    // A Big5 encoded-word subject and ISO-8859-1 bodies come out as readable text.
    assert!(
        sink.accepted
            .iter()
            .any(|r| r.title.as_deref() == Some("創業轉業工讀新行業超商連鎖加盟"))
    );
    let odd: Vec<_> = sink
        .accepted
        .iter()
        .filter(|r| r.created_at.is_none() || r.contact.email.is_none())
        .map(|r| (r.external_id.clone(), r.created_at, r.contact.email.clone()))
        .collect();
    assert!(odd.is_empty(), "{odd:?}");
}

#[test]
fn raw_8bit_headers_unknown_charsets_and_separators_without_a_blank_line() {
    let mut raw = b"From a@b.c Mon Oct  5 10:00:00 2026\nFrom: ".to_vec();
    raw.extend_from_slice(&encoding_rs::GBK.encode("张三").0);
    raw.extend_from_slice(b" <zhang@example.com>\nSubject: ");
    raw.extend_from_slice(&encoding_rs::GBK.encode("退款问题").0);
    raw.extend_from_slice(b"\n\n");
    raw.extend_from_slice(&encoding_rs::GBK.encode("请尽快处理退款。").0);
    // No blank line before the next separator: it still starts a message.
    raw.extend_from_slice(
        b"\nFrom b@c.d Tue Oct  6 10:00:00 2026\nFrom: Jos\xe9 <jose@example.com>\n\
Content-Type: text/plain; charset=x-unheard-of\n\n\
Ma commande n'est pas arriv\xe9e.\n",
    );
    let (report, sink) = crate::import::tests::run_with("in.mbox", &raw, &ImportOptions::default());
    assert_eq!(report.unwrap().read, 2);
    let [zh, fr] = &sink.accepted[..] else {
        panic!("{:?}", sink.accepted);
    };
    assert_eq!(zh.author.as_deref(), Some("张三"));
    assert_eq!(zh.contact.email.as_deref(), Some("zhang@example.com"));
    assert_eq!(zh.title.as_deref(), Some("退款问题"));
    assert_eq!(zh.body, "请尽快处理退款。");
    assert_eq!(fr.author.as_deref(), Some("José"));
    assert_eq!(fr.body, "Ma commande n'est pas arrivée.");
}
