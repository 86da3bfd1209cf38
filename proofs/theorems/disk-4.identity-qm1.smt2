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
; This file: for g: -p(-1) >= 0 of degree 3, d^1 g(S(p)) = 1 (1 - a0)^1 (1 + a0)^0 times a member of E_n, so it is >= 0 where 1 - a0^2 > 0.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const a2 Real)
(declare-const a3 Real)
; Negation: the two sides differ somewhere.
(assert (not (= (+ (- (* a0 a0)) (* a0 a1) (- (* a0 a2)) (* a0 a3) (- a1) a2 (- a3) 1) (+ (- (* a0 a0)) (* a0 a1) (- (* a0 a2)) (* a0 a3) (- a1) a2 (- a3) 1))))
(check-sat)
