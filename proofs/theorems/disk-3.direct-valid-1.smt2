; EigenVerify closed-disk theorem, degree 3.
;
; p(z) = z^3 + a2 z^2 + ... + a1 z + a0 with real coefficients a0 ... a2.
; E_3: the conditions c >= 0 for each c below (the description used for degree 3):
;   a0 + a1 + a2 + 1    [p(1) >= 0]
;   -a0 + a1 - a2 + 1    [-p(-1) >= 0]
;   -a0^2 + a0*a2 - a1 + 1    [q(0) <= 1 for q = S(p)]
;   -a1 + 3    [q(0) <= 1 for q = D(p)]
;
; This file: if p has 1 real roots in [-1, 1] and 1 pairs of roots z^2 - u z + w with u^2 <= 4w <= 4 (conjugate pairs in the closed disk, or real pairs), every condition of E_n holds.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const a2 Real)
(declare-const r0 Real)
(declare-const u0 Real)
(declare-const w0 Real)
; The roots: real ones in [-1, 1], pairs with modulus^2 = w <= 1.
(assert (<= (* r0 r0) 1))
(assert (<= w0 1))
(assert (<= (* u0 u0) (* 4 w0)))
; The coefficients of the product.
(assert (= a0 (- (* r0 w0))))
(assert (= a1 (+ (* r0 u0) w0)))
(assert (= a2 (+ (- r0) (- u0))))
; Negation: some condition fails.
(assert (or (< (+ a0 a1 a2 1) 0) (< (+ (- a0) a1 (- a2) 1) 0) (< (+ (- (* a0 a0)) (* a0 a2) (- a1) 1) 0) (< (+ (- a1) 3) 0)))
(check-sat)
