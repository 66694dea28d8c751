import torch

torch.manual_seed(0)

w = torch.randn(3, requires_grad=True).double()  # (1)!
print("w: is_leaf", w.is_leaf, " grad_fn", w.grad_fn.name())

v = torch.randn(3, dtype=torch.float64, requires_grad=True)  # (2)!
print("v: is_leaf", v.is_leaf)
