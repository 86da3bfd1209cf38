; EigenVerify closed-disk theorem, degree 3.
;
; p(z) = z^3 + a2 z^2 + ... + a1 z + a0 with real coefficients a0 ... a2.
; E_3: the conditions c >= 0 for each c below (the description used for degree 3):
;   a0 + a1 + a2 + 1    [p(1) >= 0]
;   -a0 + a1 - a2 + 1    [-p(-1) >= 0]
;   -a0^2 + a0*a2 - a1 + 1    [q(0) <= 1 for q = S(p)]
;   -a1 + 3    [q(0) <= 1 for q = D(p)]
;
; This file: E_n and a0 = 1 imply p = 1 p* (self-inversive).
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const a2 Real)
; The conditions of E_n.
(assert (>= (+ a0 a1 a2 1) 0))
(assert (>= (+ (- a0) a1 (- a2) 1) 0))
(assert (>= (+ (- (* a0 a0)) (* a0 a2) (- a1) 1) 0))
(assert (>= (+ (- a1) 3) 0))
; Negation: a0 = 1 and some coefficient of (p - a0 p*)/z is nonzero.
(assert (= a0 1))
(assert (or (not (= (+ a1 (- a2)) 0)) (not (= (+ (- a1) a2) 0))))
(check-sat)
