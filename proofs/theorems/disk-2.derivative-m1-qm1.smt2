; EigenVerify closed-disk theorem, degree 2.
;
; p(z) = z^2 + a1 z^1 + ... + a1 z + a0 with real coefficients a0 ... a1.
; E_2: the conditions c >= 0 for each c below (the description used for degree 2):
;   a0 + a1 + 1    [p(1) >= 0]
;   a0 - a1 + 1    [p(-1) >= 0]
;   -a0 + 1    [p(0) <= 1]
;
; This file: E_n, a0 = -1 and p = -1 p* imply g(p'/2) >= 0 for g: -p(-1) >= 0 of degree 1.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
; The conditions of E_n.
(assert (>= (+ a0 a1 1) 0))
(assert (>= (+ a0 (- a1) 1) 0))
(assert (>= (+ (- a0) 1) 0))
; Negation: p is self-inversive and the condition fails at p'/n.
(assert (= a0 (- 1)))
(assert (= (* 2 a1) 0))
(assert (< (+ (- a1) 2) 0))
(check-sat)
