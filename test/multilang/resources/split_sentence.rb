# The word count's split bolt in Ruby: one [word] per piece of the sentence split on single spaces (as
# split_sentence.py does), anchored to the sentence, which is then acked.
require_relative 'gale_storm'

class SplitSentence < GaleStorm::BasicBolt
  def process(values)
    values[0].split(/ /, -1).map { |word| [word] }
  end
end

SplitSentence.new.run
