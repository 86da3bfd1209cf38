; EigenVerify closed-disk theorem, degree 1.
;
; p(z) = z^1 + a0 z^0 + ... + a1 z + a0 with real coefficients a0 ... a0.
; E_1: the conditions c >= 0 for each c below (the description used for degree 1):
;   a0 + 1    [p(1) >= 0]
;   -a0 + 1    [-p(-1) >= 0]
;
; This file: E_n implies that every root x + iy of p has x^2 + y^2 <= 1.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const x Real)
(declare-const y Real)
; The conditions of E_n.
(assert (>= (+ a0 1) 0))
(assert (>= (+ (- a0) 1) 0))
; Powers of z = x + iy: re_j + i im_j = z^j.
(define-fun p_re () Real (+ a0 (* 1 x)))
(define-fun p_im () Real (* 1 y))
; Negation: x + iy is a root of p outside the closed unit disk.
(assert (= p_re 0))
(assert (= p_im 0))
(assert (> (+ (* x x) (* y y)) 1))
(check-sat)
