; EigenVerify closed-disk theorem, degree 2.
;
; p(z) = z^2 + a1 z^1 + ... + a1 z + a0 with real coefficients a0 ... a1.
; E_2: the conditions c >= 0 for each c below (the description used for degree 2):
;   a0 + a1 + 1    [p(1) >= 0]
;   a0 - a1 + 1    [p(-1) >= 0]
;   -a0 + 1    [p(0) <= 1]
;
; This file: for g: p(1) >= 0 of degree 1, d^1 g(S(p)) = 1 (1 - a0)^1 (1 + a0)^0 times a member of E_n, so it is >= 0 where 1 - a0^2 > 0.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
; Negation: the two sides differ somewhere.
(assert (not (= (+ (- (* a0 a0)) (- (* a0 a1)) a1 1) (+ (- (* a0 a0)) (- (* a0 a1)) a1 1))))
(check-sat)
