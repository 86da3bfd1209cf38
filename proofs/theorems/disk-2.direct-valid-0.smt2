; EigenVerify closed-disk theorem, degree 2.
;
; p(z) = z^2 + a1 z^1 + ... + a1 z + a0 with real coefficients a0 ... a1.
; E_2: the conditions c >= 0 for each c below (the description used for degree 2):
;   a0 + a1 + 1    [p(1) >= 0]
;   a0 - a1 + 1    [p(-1) >= 0]
;   -a0 + 1    [p(0) <= 1]
;
; This file: if p has 2 real roots in [-1, 1] and 0 pairs of roots z^2 - u z + w with u^2 <= 4w <= 4 (conjugate pairs in the closed disk, or real pairs), every condition of E_n holds.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const r0 Real)
(declare-const r1 Real)
; The roots: real ones in [-1, 1], pairs with modulus^2 = w <= 1.
(assert (<= (* r0 r0) 1))
(assert (<= (* r1 r1) 1))
; The coefficients of the product.
(assert (= a0 (* r0 r1)))
(assert (= a1 (+ (- r0) (- r1))))
; Negation: some condition fails.
(assert (or (< (+ a0 a1 1) 0) (< (+ a0 (- a1) 1) 0) (< (+ (- a0) 1) 0)))
(check-sat)
