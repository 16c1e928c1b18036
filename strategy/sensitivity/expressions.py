"""Safe payoff expressions over named parameters.

A payoff in a game file may be an expression such as ``"-cost + 0.5 * max(gain, 0)"``.
The text is parsed with :mod:`ast` and checked against a whitelist; the checked tree is
then *walked* to evaluate it with numpy (so arrays of parameter values give a batch) or
converted node by node into a sympy expression. No text is ever passed to ``eval``,
``exec``, ``compile`` or ``sympify``.

Allowed: numbers; declared parameter names; ``+ - * / **`` and unary ``-``/``+``;
comparisons (``< <= > >= == !=``, giving 1.0 or 0.0); ``a if cond else b``;
``where(cond, a, b)``; the functions ``min``, ``max``, ``abs``, ``exp``, ``log``,
``sqrt``. A power's exponent must be a constant with absolute value at most
:data:`MAX_EXPONENT`. Everything else (attributes, subscripts, strings, lambdas,
comprehensions, other calls) is refused with a :class:`~strategy.errors.SpecError`.

Examples
--------
>>> expr = Expression.parse("max(a - c, 0) / 2", ("a", "c"))
>>> expr({"a": 5.0, "c": 1.0})
2.0
>>> expr.evaluate({"a": np.array([1.0, 5.0]), "c": 2.0}).tolist()
[0.0, 1.5]
>>> expr.names
('a', 'c')
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from strategy.errors import SpecError, UnknownLabelError
from strategy.numbers import MAX_MAGNITUDE

__all__ = ["MAX_EXPONENT", "MAX_LENGTH", "Expression", "parse_expression", "to_sympy"]

MAX_EXPONENT = 100
"""Largest absolute constant exponent allowed in ``a ** k``."""

MAX_LENGTH = 1000
"""Longest expression text accepted, in characters."""

MAX_DEPTH = 60

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Lt: np.less,
    ast.LtE: np.less_equal,
    ast.Gt: np.greater,
    ast.GtE: np.greater_equal,
    ast.Eq: np.equal,
    ast.NotEq: np.not_equal,
}
_FUNCTIONS: dict[str, tuple[int, Callable[..., Any]]] = {
    "min": (-2, np.minimum),
    "max": (-2, np.maximum),
    "abs": (1, np.abs),
    "exp": (1, np.exp),
    "log": (1, np.log),
    "sqrt": (1, np.sqrt),
    "where": (3, np.where),
}
_NAMES = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscripts",
    ast.Lambda: "lambdas",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.List: "lists",
    ast.Tuple: "tuples",
    ast.Dict: "dicts",
    ast.Set: "sets",
    ast.BoolOp: "'and'/'or' (use min/max or where)",
    ast.NamedExpr: "assignments",
    ast.Starred: "starred arguments",
    ast.JoinedStr: "strings",
    ast.FormattedValue: "strings",
}


def _short(text: str, limit: int = 80) -> str:
    """Quote `text` for a message, shortened to `limit` characters."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _fail(text: str, what: str) -> SpecError:
    return SpecError(
        f"in expression {_short(text)}: {what} not allowed; use numbers, parameters, + - * / **, "
        "comparisons, 'a if c else b' and min, max, abs, exp, log, sqrt, where"
    )


def _check(node: ast.AST, text: str, names: frozenset[str], depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise SpecError(f"in expression {_short(text)}: nested too deeply (over {MAX_DEPTH} levels)")
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise _fail(text, f"the constant {_short(repr(node.value), 40)} ({type(node.value).__name__})")
        if (isinstance(node.value, float) and not math.isfinite(node.value)) or abs(
            node.value
        ) > MAX_MAGNITUDE * 1.0001:
            raise SpecError(f"in expression {_short(text)}: a constant is larger than 1e300 in absolute value; rescale")
        return
    if isinstance(node, ast.Name):
        if node.id in _FUNCTIONS:
            raise _fail(text, f"using the function {node.id!r} as a value")
        if node.id not in names:
            raise UnknownLabelError("parameter", node.id, sorted(names), f"in expression {_short(text)}")
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise _fail(text, f"the operator {type(node.op).__name__}")
        if isinstance(node.op, ast.Pow):
            exponent = node.right
            sign = 1
            if isinstance(exponent, ast.UnaryOp) and isinstance(exponent.op, ast.USub | ast.UAdd):
                sign = -1 if isinstance(exponent.op, ast.USub) else 1
                exponent = exponent.operand
            if not (
                isinstance(exponent, ast.Constant)
                and isinstance(exponent.value, int | float)
                and not isinstance(exponent.value, bool)
            ):
                raise _fail(text, "a non-constant exponent")
            if abs(sign * exponent.value) > MAX_EXPONENT:
                raise _fail(text, f"an exponent above {MAX_EXPONENT} in absolute value")
        _check(node.left, text, names, depth + 1)
        _check(node.right, text, names, depth + 1)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise _fail(text, f"the operator {type(node.op).__name__}")
        _check(node.operand, text, names, depth + 1)
        return
    if isinstance(node, ast.Compare):
        if len(node.ops) != 1 or type(node.ops[0]) not in _COMPARE:
            raise _fail(text, "chained comparisons or 'in'/'is'")
        _check(node.left, text, names, depth + 1)
        _check(node.comparators[0], text, names, depth + 1)
        return
    if isinstance(node, ast.IfExp):
        for part in (node.test, node.body, node.orelse):
            _check(part, text, names, depth + 1)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            called = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            raise _fail(text, f"calling {called!r}")
        if node.keywords:
            raise _fail(text, "keyword arguments")
        arity, _ = _FUNCTIONS[node.func.id]
        count = len(node.args)
        if (arity > 0 and count != arity) or (arity < 0 and count < -arity):
            need = f"{arity}" if arity > 0 else f"at least {-arity}"
            raise SpecError(f"in expression {_short(text)}: {node.func.id}() takes {need} arguments, got {count}")
        for arg in node.args:
            _check(arg, text, names, depth + 1)
        return
    what = _NAMES.get(type(node), type(node).__name__)
    raise _fail(text, what)


def _evaluate(node: ast.AST, env: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, int | float)  # _check admits numeric constants only
        return float(node.value)
    if isinstance(node, ast.Name):
        return np.asarray(env[node.id], dtype=np.float64)
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, env), _evaluate(node.right, env)
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        value = _evaluate(node.operand, env)
        return -value if isinstance(node.op, ast.USub) else +value
    if isinstance(node, ast.Compare):
        result = _COMPARE[type(node.ops[0])](_evaluate(node.left, env), _evaluate(node.comparators[0], env))
        return np.asarray(result, dtype=np.float64)
    if isinstance(node, ast.IfExp):
        return np.where(_evaluate(node.test, env) != 0, _evaluate(node.body, env), _evaluate(node.orelse, env))
    assert isinstance(node, ast.Call)
    assert isinstance(node.func, ast.Name)
    name = node.func.id
    args = [_evaluate(a, env) for a in node.args]
    if name == "where":
        return np.where(args[0] != 0, args[1], args[2])
    if name in ("min", "max"):
        out = args[0]
        for a in args[1:]:
            out = _FUNCTIONS[name][1](out, a)
        return out
    return _FUNCTIONS[name][1](args[0])


@dataclass(frozen=True, eq=False)
class Expression:
    """A checked payoff expression; call it on parameter values.

    Build with :meth:`parse`. ``names`` lists the parameters it uses.
    """

    text: str
    tree: ast.Expression
    names: tuple[str, ...]

    @classmethod
    def parse(cls, text: str, parameters: Iterable[str]) -> Expression:
        """Parse and check `text`; every name must be one of `parameters`."""
        if not isinstance(text, str):
            raise SpecError(f"an expression must be a string; got {text!r}")
        if len(text) > MAX_LENGTH:
            raise SpecError(
                f"the expression starting {text[:40]!r} is {len(text)} characters long; the limit is {MAX_LENGTH}"
            )
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except (SyntaxError, ValueError) as err:
            raise SpecError(f"expression {_short(text)} is not valid: {getattr(err, 'msg', err)}") from None
        _check(tree.body, text, frozenset(parameters))
        used = sorted(
            {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in _FUNCTIONS}
            - {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        )
        return cls(text, tree, tuple(used))

    def evaluate(self, values: Mapping[str, Any]) -> np.ndarray:
        """Evaluate on scalar or array values.

        Both branches of ``where``/``if`` are computed; only the chosen one must be finite.
        A non-finite result (division by zero, log of a negative number, overflow) raises
        :class:`SpecError` naming the expression and the parameter values.
        """
        env = {name: values[name] for name in self.names}
        with np.errstate(all="ignore"):
            try:
                result = np.asarray(_evaluate(self.tree.body, env), dtype=np.float64)
            except (ZeroDivisionError, OverflowError) as err:
                raise SpecError(f"expression {_short(self.text)} fails ({err})") from None
        if not np.all(np.isfinite(result)):
            where = _first_bad(self, env)
            raise SpecError(
                f"expression {_short(self.text)} is not finite (division by zero, log or sqrt of a "
                f"negative number, or overflow) at {where}"
            )
        return result

    def __call__(self, values: Mapping[str, Any]) -> Any:
        result = self.evaluate(values)
        return float(result) if result.ndim == 0 else result

    def to_sympy(self) -> Any:
        """Return the sympy form (see :func:`to_sympy`)."""
        return to_sympy(self)

    def __repr__(self) -> str:
        return f"Expression({_short(self.text)})"


def _first_bad(expr: Expression, env: Mapping[str, Any]) -> str:
    """Describe the first sample point at which `expr` is not finite."""
    arrays = {k: np.asarray(v, dtype=np.float64) for k, v in env.items()}
    shape = np.broadcast_shapes(*(a.shape for a in arrays.values())) if arrays else ()
    with np.errstate(all="ignore"):
        result = np.broadcast_to(np.asarray(_evaluate(expr.tree.body, arrays), dtype=np.float64), shape)
    bad = np.argwhere(~np.isfinite(result))
    index = tuple(bad[0]) if bad.size else tuple(0 for _ in shape)
    point = {k: float(np.broadcast_to(a, shape)[index]) for k, a in arrays.items()}
    return ", ".join(f"{k}={v:g}" for k, v in point.items()) or "constant values"


def parse_expression(text: str, parameters: Iterable[str]) -> Expression:
    """Parse and check `text` (see :class:`Expression`)."""
    return Expression.parse(text, parameters)


def to_sympy(expr: Expression) -> Any:
    """Convert a checked expression to sympy by construction (no text is sympified).

    Integer and decimal constants become exact rationals.

    Examples
    --------
    >>> to_sympy(Expression.parse("(a - 1/2) * 2 if a > 1 else 0", ("a",)))
    Piecewise((2*a - 1, a > 1), (0, True))
    """
    import sympy

    symbols = {name: sympy.Symbol(name, real=True) for name in expr.names}

    def build(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            return sympy.Rational(str(node.value)) if isinstance(node.value, float) else sympy.Integer(node.value)
        if isinstance(node, ast.Name):
            return symbols[node.id]
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](build(node.left), build(node.right))
        if isinstance(node, ast.UnaryOp):
            value = build(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.Compare):
            ops = {
                ast.Lt: sympy.Lt,
                ast.LtE: sympy.Le,
                ast.Gt: sympy.Gt,
                ast.GtE: sympy.Ge,
                ast.Eq: sympy.Eq,
                ast.NotEq: sympy.Ne,
            }
            return ops[type(node.ops[0])](build(node.left), build(node.comparators[0]))
        if isinstance(node, ast.IfExp):
            return sympy.Piecewise((build(node.body), _condition(build(node.test))), (build(node.orelse), True))
        assert isinstance(node, ast.Call)
        assert isinstance(node.func, ast.Name)
        args = [build(a) for a in node.args]
        name = node.func.id
        if name == "where":
            return sympy.Piecewise((args[1], _condition(args[0])), (args[2], True))
        table = {
            "min": sympy.Min,
            "max": sympy.Max,
            "abs": sympy.Abs,
            "exp": sympy.exp,
            "log": sympy.log,
            "sqrt": sympy.sqrt,
        }
        return table[name](*args)

    def _condition(value: Any) -> Any:
        import sympy

        return (
            value
            if isinstance(value, sympy.logic.boolalg.Boolean | sympy.core.relational.Relational)
            else sympy.Ne(value, 0)
        )

    return build(expr.tree.body)
