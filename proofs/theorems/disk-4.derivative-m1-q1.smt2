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
; This file: E_n, a0 = -1 and p = -1 p* imply g(p'/4) >= 0 for g: p(1) >= 0 of degree 3.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const a2 Real)
(declare-const a3 Real)
; The conditions of E_n.
(assert (>= (+ a0 a1 a2 a3 1) 0))
(assert (>= (+ a0 (- a1) a2 (- a3) 1) 0))
(assert (>= (+ (* a0 a0 a0) (- (* a0 a0 a2)) (* a0 a1 a3) (- (* a0 a3 a3)) (- (* a0 a0)) (* 2 a0 a2) (- (* a1 a1)) (* a1 a3) (- a0) (- a2) 1) 0))
(assert (>= (+ (* 3 a0) (- a2) 3) 0))
(assert (>= (+ (- (* a1 a1)) (* 3 a1 a3) (* (- 8) a2) 16) 0))
(assert (>= (+ (- a0) 1) 0))
; Negation: p is self-inversive and the condition fails at p'/n.
(assert (= a0 (- 1)))
(assert (= (+ a1 a3) 0))
(assert (= (* 2 a2) 0))
(assert (< (+ a1 (* 2 a2) (* 3 a3) 4) 0))
(check-sat)
