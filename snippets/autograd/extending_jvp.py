import torch
from torch.func import jacrev, jvp, vjp

torch.manual_seed(0)


def f(x):  # R^3 -> R^2
    return torch.stack([x[0] * x[1], torch.sin(x[1]) + x[2]])


x = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
v = torch.tensor([1.0, 0.0, -1.0], dtype=torch.float64)  # a direction in the input space
u = torch.tensor([1.0, 1.0], dtype=torch.float64)  # a weight per output
J = jacrev(f)(x)
print("J =", J)

out, Jv = jvp(f, (x,), (v,))  # (1)!
print("jvp: f(x) =", out)
print("     J v =", Jv, torch.allclose(Jv, J @ v))
out, pullback = vjp(f, x)  # (2)!
(uJ,) = pullback(u)
print("vjp: u^T J =", uJ, torch.allclose(uJ, u @ J))
