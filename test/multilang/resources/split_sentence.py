"""Split bolt of the word-count tests (BasicBolt): emits [word] for each piece of values[0].split(' ').

Conf keys: none. Every emit is anchored to the input, which is acked after process() returns. Splits
on single spaces only, so a value holding "\\nend\\n", quotes, backslashes or non-ASCII text comes out
unchanged inside the words (the framing escapes it, ref §3). A tick tuple (values [<secs>]) makes
split() raise: BasicBolt then sends error and fail for it and goes on (ref §9).
"""

import gale_storm as storm


class SplitSentence(storm.BasicBolt):
    def process(self, tup):
        for word in tup.values[0].split(" "):
            storm.emit([word])


SplitSentence().run()
