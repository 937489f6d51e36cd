"""rancang's own marks in the text of a draft: the views write them, the readers and the
checks read them back (one spelling for all three)."""

# after a citation rancang could not confirm (its LN/TLN numbers, its amendments)
VERIFY = "[perlu verifikasi]"
# around a value that is not confirmed, where plain text has no highlight to show it
UNCONFIRMED = "[belum terkonfirmasi: {}]"
