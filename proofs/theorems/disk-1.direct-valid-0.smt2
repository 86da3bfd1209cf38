; EigenVerify closed-disk theorem, degree 1.
;
; p(z) = z^1 + a0 z^0 + ... + a1 z + a0 with real coefficients a0 ... a0.
; E_1: the conditions c >= 0 for each c below (the description used for degree 1):
;   a0 + 1    [p(1) >= 0]
;   -a0 + 1    [-p(-1) >= 0]
;
; This file: if p has 1 real roots in [-1, 1] and 0 pairs of roots z^2 - u z + w with u^2 <= 4w <= 4 (conjugate pairs in the closed disk, or real pairs), every condition of E_n holds.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const r0 Real)
; The roots: real ones in [-1, 1], pairs with modulus^2 = w <= 1.
(assert (<= (* r0 r0) 1))
; The coefficients of the product.
(assert (= a0 (- r0)))
; Negation: some condition fails.
(assert (or (< (+ a0 1) 0) (< (+ (- a0) 1) 0)))
(check-sat)
