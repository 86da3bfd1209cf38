; EigenVerify closed-disk theorem, degree 3.
;
; p(z) = z^3 + a2 z^2 + ... + a1 z + a0 with real coefficients a0 ... a2.
; E_3: the conditions c >= 0 for each c below (the description used for degree 3):
;   a0 + a1 + a2 + 1    [p(1) >= 0]
;   -a0 + a1 - a2 + 1    [-p(-1) >= 0]
;   -a0^2 + a0*a2 - a1 + 1    [q(0) <= 1 for q = S(p)]
;   -a1 + 3    [q(0) <= 1 for q = D(p)]
;
; This file: E_n implies that every root x + iy of p has x^2 + y^2 <= 1.
; It asserts the negation; the expected answer is unsat.

(set-logic QF_NRA)
(set-info :status unsat)
(declare-const a0 Real)
(declare-const a1 Real)
(declare-const a2 Real)
(declare-const x Real)
(declare-const y Real)
; The conditions of E_n.
(assert (>= (+ a0 a1 a2 1) 0))
(assert (>= (+ (- a0) a1 (- a2) 1) 0))
(assert (>= (+ (- (* a0 a0)) (* a0 a2) (- a1) 1) 0))
(assert (>= (+ (- a1) 3) 0))
; Powers of z = x + iy: re_j + i im_j = z^j.
(define-fun re2 () Real (- (* x x) (* y y)))
(define-fun im2 () Real (+ (* x y) (* y x)))
(define-fun re3 () Real (- (* re2 x) (* im2 y)))
(define-fun im3 () Real (+ (* re2 y) (* im2 x)))
(define-fun p_re () Real (+ a0 (* a1 x) (* a2 re2) (* 1 re3)))
(define-fun p_im () Real (+ (* a1 y) (* a2 im2) (* 1 im3)))
; Negation: x + iy is a root of p outside the closed unit disk.
(assert (= p_re 0))
(assert (= p_im 0))
(assert (> (+ (* x x) (* y y)) 1))
(check-sat)
