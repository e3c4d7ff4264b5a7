"""Mail: mailboxes and IMAP accounts read into threads, interactions and the reply radar."""
