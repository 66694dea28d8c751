import torch

torch.manual_seed(0)

n = 10**6
w = torch.randn(n, requires_grad=True)
v = torch.randn(n)

loss = (w**4).sum()  # (1)!
(g,) = torch.autograd.grad(loss, w, create_graph=True)  # (2)!
(Hv,) = torch.autograd.grad(g @ v, w)  # (3)!

print(f"n = {n:.0e}: Hv has {Hv.numel():.0e} numbers, the Hessian would have {n**2:.0e}")
print("Hv ≈ 12 w^2 v (the Hessian is diag(12 w^2)):", torch.allclose(Hv, 12 * w.detach() ** 2 * v))
