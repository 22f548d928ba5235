"""The model's dependency parser, stepped from Python.

spaCy's greedy parser runs its transition loop in compiled code with the GIL released,
and in this spaCy build many small calls inside that loop (reading a state's context
tokens, checking which moves are valid) take the GIL back to look for a Python
exception. Measured with ``perf`` on 292,000 tokens, taking and dropping the GIL was
about half of the parser's time. This component runs the same loop with the GIL held:

* the parser's own step model gives each state's hidden vector from the features it
  precomputed for the batch (compiled code, as before);
* the output layer is one numpy matrix product per step, with the model's weights;
* the parser's own ``transition_states`` checks the valid moves and applies the best.

The parse is the same one (tested token by token against the stock parser) for about
half the CPU, and one step advances every piece of the batch together. A parser this
component does not know how to step (beam search, no output layer of the expected
shape) is left in place.
"""

from __future__ import annotations

from typing import Iterable, Iterator


class GreedyParser:
    """A pipeline component that parses with a bound spaCy ``DependencyParser``."""

    def __init__(self, name: str = "parser"):
        self.name = name
        self.parser = None
        self.model = None  # the parser's model, so spaCy can see its tok2vec listener

    @staticmethod
    def can_replace(parser) -> bool:
        """Whether ``parser`` is a greedy transition parser whose steps this component can take."""
        try:
            model = parser.model
            if parser.cfg.get("beam_width", 1) != 1 or not hasattr(parser, "transition_states"):
                return False
            if not model.attrs.get("has_upper"):
                return False
            upper = model.get_ref("upper")
            weights = upper.get_param("W")
            return weights.ndim == 2 and upper.get_param("b").shape == (weights.shape[0],)
        except (AttributeError, KeyError, ValueError):
            return False

    def bind(self, parser) -> None:
        self.parser = parser
        self.model = parser.model

    def __call__(self, doc):
        self._parse([doc])
        return doc

    def pipe(self, docs: Iterable, batch_size: int = 16, max_tokens: int | None = None) -> Iterator:
        """Parse up to ``batch_size`` docs at a time (every step advances all of them),
        fewer when they reach ``max_tokens`` tokens (the batch's working memory is about
        4 KB a token), and yield them in the order they came."""
        handler = self.parser.get_error_handler()
        for batch in _batches(docs, max(1, batch_size), max_tokens):
            try:
                self._parse(batch)
            except Exception as exc:  # what spaCy's own parser does with a failing batch
                handler(self.parser.name, self.parser, batch, exc)
            yield from batch

    def _parse(self, docs: list) -> None:
        import numpy

        parser = self.parser
        if not any(len(doc) for doc in docs):
            parser.set_annotations(docs, parser.moves.init_batch(docs))
            return
        parser._ensure_labels_are_added(docs)
        upper = parser.model.get_ref("upper")
        weights_t = numpy.ascontiguousarray(upper.get_param("W").T)
        bias = upper.get_param("b")
        batch = parser.moves.init_batch(docs)
        step_model = parser.model.predict(docs)
        try:
            unseen = step_model._class_mask == 0
            any_unseen = bool(unseen.any())
            hidden = step_model.state2vec
            states = [state for state in batch if not state.is_final()]
            while states:
                scores = hidden.predict(step_model.get_token_ids(states)) @ weights_t
                scores += bias
                if any_unseen:  # a move never seen in training scores lowest, as in spaCy
                    scores[:, unseen] = numpy.nanmin(scores)
                parser.transition_states(states, scores)
                states = [state for state in states if not state.is_final()]
        finally:
            step_model.clear_memory()
        parser.set_annotations(docs, batch)


def _batches(docs: Iterable, size: int, max_tokens: int | None) -> Iterator[list]:
    batch: list = []
    tokens = 0
    for doc in docs:
        batch.append(doc)
        tokens += len(doc)
        if len(batch) >= size or (max_tokens is not None and tokens >= max_tokens):
            yield batch
            batch, tokens = [], 0
    if batch:
        yield batch
