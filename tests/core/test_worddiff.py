from reader.core.worddiff import word_diff


def test_a_changed_figure_is_one_word_removed_and_one_added():
    pieces = word_diff("It cost two million dollars.", "It cost three million dollars.")
    assert ("removed", "two ") in pieces and ("added", "three ") in pieces
    assert [p for p in pieces if p[0] == "same"][0] == ("same", "It cost ")


def test_joining_the_pieces_gives_back_either_side():
    old, new = "The mayor said so on Monday.", "The mayor, Ann Lee, said so on Tuesday."
    pieces = word_diff(old, new)
    assert "".join(t for k, t in pieces if k != "added") == old
    assert "".join(t for k, t in pieces if k != "removed") == new
