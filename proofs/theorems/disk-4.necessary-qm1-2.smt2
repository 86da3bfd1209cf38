; EigenVerify closed-disk theorem, degree 4.
;
; p(z) = z^4 + a3 z^3 + ... + a1 z + a0 with real coefficients a0 ... a3.
; E_4: the conditions c >= 0 for each c below (the description used for degree 4):
;   a0 + a1 + a2 + a3 + 1    [p(1) >= 0]
;   a0 - a1 + a2 - a3 + 1    [p(-1) >= 0]
;   a0^3 - a0^2*a2 - a0^2 + a0*a1*a3 + 2*a0*a2 - a0*a3^2 - a0 - a1^2 + a1*a3 - a2 + 1    [q(0) <= 1 for q = S(S(p))]
;   3*a0 - a2 + 3    [q(0) <= 1 for q = D(S(p))]
;   -a1^2 + 3*a1*a3 - 8*a2 + 16    [q(0) <= 1 for q = S(D(p))]
;   -a0 + 1    [p(0) <= 1]
;
; This file: if p has 0 real roots in [-1, 1] and 2 pairs of roots z^2 - u z + w with u^2 <= 4w <= 4, the condition p(-1) >= 0 holds.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const a2 Real)
(declare-const a3 Real)
(declare-const u0 Real)
(declare-const u1 Real)
(declare-const w0 Real)
(declare-const w1 Real)
; The roots: real ones in [-1, 1], pairs with modulus^2 = w <= 1.
(assert (<= w0 1))
(assert (<= (* u0 u0) (* 4 w0)))
(assert (<= w1 1))
(assert (<= (* u1 u1) (* 4 w1)))
; The coefficients of the product.
(assert (= a0 (* w0 w1)))
(assert (= a1 (+ (- (* u0 w1)) (- (* u1 w0)))))
(assert (= a2 (+ (* u0 u1) w0 w1)))
(assert (= a3 (+ (- u0) (- u1))))
; Negation: the condition p(-1) >= 0 fails.
(assert (< (+ a0 (- a1) a2 (- a3) 1) 0))
(check-sat)
