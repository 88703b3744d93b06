package corpus;

import java.util.List;

/**
 * Verifier corpus, compiled by the test with the JDK under test (21 and up): pattern matching for
 * switch with guards and record deconstruction, which compile to invokedynamic type switches and
 * dense stack map frames. Never run; only woven and verified.
 */
public final class Java21Shapes {
    sealed interface Expr permits Num, Add, Mul, Neg {
    }

    record Num(long v) implements Expr {
    }

    record Add(Expr l, Expr r) implements Expr {
    }

    record Mul(Expr l, Expr r) implements Expr {
    }

    record Neg(Expr e) implements Expr {
    }

    static long eval(Expr e) {
        return switch (e) {
            case Num(long v) -> v;
            case Add(Num(long a), Num(long b)) -> a + b;
            case Add(Expr l, Expr r) -> eval(l) + eval(r);
            case Mul(Expr l, Expr r) when eval(l) == 0 -> 0;
            case Mul(Expr l, Expr r) -> eval(l) * eval(r);
            case Neg(Neg(Expr inner)) -> eval(inner);
            case Neg(Expr inner) -> -eval(inner);
        };
    }

    static String kind(Object o) {
        return switch (o) {
            case null -> "null";
            case Integer i when i > 10 -> "big int " + i;
            case Integer i -> "int " + i;
            case String s when s.isEmpty() -> "empty";
            case String s -> "text " + s.length();
            case List<?> l when l.size() > 2 -> "long list";
            case int[] arr -> "ints " + arr.length;
            default -> o.getClass().getName();
        };
    }

    static double loop(List<Expr> list, double d, long w) {
        double total = d;
        for (Expr e : list) {
            if (e instanceof Add(Num(var a), var r) && a > w) {
                total += a;
                continue;
            }
            try {
                total += eval(e);
            } catch (ArithmeticException ex) {
                total -= 1;
            }
        }
        return total;
    }
}
