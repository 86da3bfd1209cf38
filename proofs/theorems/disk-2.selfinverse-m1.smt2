; EigenVerify closed-disk theorem, degree 2.
;
; p(z) = z^2 + a1 z^1 + ... + a1 z + a0 with real coefficients a0 ... a1.
; E_2: the conditions c >= 0 for each c below (the description used for degree 2):
;   a0 + a1 + 1    [p(1) >= 0]
;   a0 - a1 + 1    [p(-1) >= 0]
;   -a0 + 1    [p(0) <= 1]
;
; This file: E_n and a0 = -1 imply p = -1 p* (self-inversive).
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
; The conditions of E_n.
(assert (>= (+ a0 a1 1) 0))
(assert (>= (+ a0 (- a1) 1) 0))
(assert (>= (+ (- a0) 1) 0))
; Negation: a0 = -1 and some coefficient of (p - a0 p*)/z is nonzero.
(assert (= a0 (- 1)))
(assert (or (not (= (* 2 a1) 0))))
(check-sat)
