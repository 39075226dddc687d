from candour.lib.text.embedding.tokenizer import WordPieceTokenizer, normalise, pre_tokenise


def test_normalise_lower_cases_strips_accents_and_controls():
    assert normalise("Zoë's CAFÉ\tnaïve\x00") == "zoe's cafe naive"


def test_punctuation_marks_are_words_of_their_own():
    assert pre_tokenise("ran-off (at 02:00), [name]!") == [
        "ran", "-", "off", "(", "at", "02", ":", "00", ")", ",", "[", "name", "]", "!",
    ]  # fmt: skip


def test_words_split_into_longest_known_pieces():
    tokenizer = WordPieceTokenizer(["[UNK]", "safe", "##guard", "##ing", "child"])
    assert tokenizer.ids("Safeguarding child") == [1, 2, 3, 4]


def test_a_word_with_no_segmentation_is_dropped():
    tokenizer = WordPieceTokenizer(["[UNK]", "child", "x"])
    assert tokenizer.ids("child qqq x") == [1, 2]
