import torch

torch.manual_seed(0)

w = 2.0
a = 3 * w  # (1)!
b = w**2
print("a =", a, " b =", b, " l = a*b =", a * b)

g_a, g_b = b, a  # (2)!
path_a = g_a * 3  # dl/da · da/dw
path_b = g_b * 2 * w  # dl/db · db/dw
print("via a:", path_a, " via b:", path_b, " sum:", path_a + path_b)  # (3)!
print("d(3w^3)/dw = 9w^2 =", 9 * w**2)

wt = torch.tensor(w, requires_grad=True)
((3 * wt) * wt**2).backward()
print("autograd:", wt.grad)
