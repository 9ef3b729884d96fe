import { writeLintCorpus } from "./dist/bench/corpus/lint-corpus.js";
writeLintCorpus("/tmp/lc", 3);
