; EigenVerify closed-disk theorem, degree 5.
;
; p(z) = z^5 + a4 z^4 + ... + a1 z + a0 with real coefficients a0 ... a4.
; E_5: the conditions c >= 0 for each c below (the description used for degree 5):
;   a0 + a1 + a2 + a3 + a4 + 1    [p(1) >= 0]
;   -a0 + a1 - a2 + a3 - a4 + 1    [-p(-1) >= 0]
;   a0^4 - a0^3*a2 - a0^3*a4 + a0^2*a1*a3 + a0^2*a1 + 2*a0^2*a2*a4 - a0^2*a3^2 + a0^2*a3 - a0^2*a4^2 - 2*a0^2 - a0*a1^2*a4 - 3*a0*a1*a2 + a0*a1*a3*a4 + 2*a0*a1*a4 + 2*a0*a2*a3 - a0*a2*a4^2 + a0*a2 - 3*a0*a3*a4 + a0*a4^3 + a0*a4 + a1^3 - a1^2*a3 - a1^2 + a1*a2*a4 + 2*a1*a3 - a1*a4^2 - a1 - a2^2 + a2*a4 - a3 + 1    [q(0) <= 1 for q = S(S(S(p)))]
;   -3*a0^2 + a0*a2 - 3*a0*a4 + 3*a1 - a3 + 3    [q(0) <= 1 for q = D(S(S(p)))]
;   16*a0^4 - 8*a0^3*a2 + 3*a0^2*a1*a3 - a0^2*a3^2 + 8*a0^2*a3 - 32*a0^2 - 3*a0*a1*a2 + 2*a0*a2*a3 + 8*a0*a2 - 3*a0*a3*a4 - a2^2 + 3*a2*a4 - 8*a3 + 16    [q(0) <= 1 for q = S(D(S(p)))]
;   -a0^2 + a0*a4 - a1 + 1    [q(0) <= 1 for q = S(p)]
;   a1^3 - 3*a1^2*a3 - 5*a1^2 + 8*a1*a2*a4 + 30*a1*a3 - 16*a1*a4^2 - 25*a1 - 20*a2^2 + 40*a2*a4 - 75*a3 + 125    [q(0) <= 1 for q = S(S(D(p)))]
;   a1 - a3 + 5    [q(0) <= 1 for q = D(S(D(p)))]
;   -a0 + 1    [p(0) <= 1]
;   a0 + 1    [p(0) >= -1]
;
; This file: E_n, a0 = 1 and p = 1 p* imply g(p'/5) >= 0 for g: p(0) <= 1 of degree 4.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const a2 Real)
(declare-const a3 Real)
(declare-const a4 Real)
; The conditions of E_n.
(assert (>= (+ a0 a1 a2 a3 a4 1) 0))
(assert (>= (+ (- a0) a1 (- a2) a3 (- a4) 1) 0))
(assert (>= (+ (* a0 a0 a0 a0) (- (* a0 a0 a0 a2)) (- (* a0 a0 a0 a4)) (* a0 a0 a1 a3) (* 2 a0 a0 a2 a4) (- (* a0 a0 a3 a3)) (- (* a0 a0 a4 a4)) (- (* a0 a1 a1 a4)) (* a0 a1 a3 a4) (- (* a0 a2 a4 a4)) (* a0 a4 a4 a4) (* a0 a0 a1) (* a0 a0 a3) (* (- 3) a0 a1 a2) (* 2 a0 a1 a4) (* 2 a0 a2 a3) (* (- 3) a0 a3 a4) (* a1 a1 a1) (- (* a1 a1 a3)) (* a1 a2 a4) (- (* a1 a4 a4)) (* (- 2) a0 a0) (* a0 a2) (* a0 a4) (- (* a1 a1)) (* 2 a1 a3) (- (* a2 a2)) (* a2 a4) (- a1) (- a3) 1) 0))
(assert (>= (+ (* (- 3) a0 a0) (* a0 a2) (* (- 3) a0 a4) (* 3 a1) (- a3) 3) 0))
(assert (>= (+ (* 16 a0 a0 a0 a0) (* (- 8) a0 a0 a0 a2) (* 3 a0 a0 a1 a3) (- (* a0 a0 a3 a3)) (* 8 a0 a0 a3) (* (- 3) a0 a1 a2) (* 2 a0 a2 a3) (* (- 3) a0 a3 a4) (* (- 32) a0 a0) (* 8 a0 a2) (- (* a2 a2)) (* 3 a2 a4) (* (- 8) a3) 16) 0))
(assert (>= (+ (- (* a0 a0)) (* a0 a4) (- a1) 1) 0))
(assert (>= (+ (* a1 a1 a1) (* (- 3) a1 a1 a3) (* 8 a1 a2 a4) (* (- 16) a1 a4 a4) (* (- 5) a1 a1) (* 30 a1 a3) (* (- 20) a2 a2) (* 40 a2 a4) (* (- 25) a1) (* (- 75) a3) 125) 0))
(assert (>= (+ a1 (- a3) 5) 0))
(assert (>= (+ (- a0) 1) 0))
(assert (>= (+ a0 1) 0))
; Negation: p is self-inversive and the condition fails at p'/n.
(assert (= a0 1))
(assert (= (+ a1 (- a4)) 0))
(assert (= (+ a2 (- a3)) 0))
(assert (= (+ (- a2) a3) 0))
(assert (= (+ (- a1) a4) 0))
(assert (< (+ (- a1) 5) 0))
(check-sat)
