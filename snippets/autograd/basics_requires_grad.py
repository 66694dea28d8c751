import torch

torch.manual_seed(0)

x = torch.ones(2, 2, requires_grad=True)
print(x)
print("x.grad_fn:", x.grad_fn)
print("x.is_leaf:", x.is_leaf)
