from reader.core.quotes import in_quotes, nest_quotes


def test_a_sentence_opening_with_a_quotation_gets_no_doubled_marks():
    shown = in_quotes("“We cannot wait,” she said.")
    assert shown == "“‘We cannot wait,’ she said.”"
    assert "““" not in shown and "””" not in shown


def test_a_sentence_ending_in_a_quotation_gets_no_doubled_marks():
    assert in_quotes('She said: "Safety comes first."') == "“She said: ‘Safety comes first.’”"


def test_straight_quotes_open_after_a_dash_or_bracket_and_close_elsewhere():
    assert nest_quotes('a—"b" ("c")') == "a—‘b’ (‘c’)"


def test_text_without_quotes_is_only_wrapped():
    assert in_quotes("Plain words.") == "“Plain words.”"


def test_quotes_inside_the_sentence_stay_verbatim_when_the_marks_do_not_meet():
    assert in_quotes('He called it "safe" twice.') == '“He called it "safe" twice.”'
