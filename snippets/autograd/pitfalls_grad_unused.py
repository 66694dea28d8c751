import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
b = torch.ones(2, requires_grad=True)
out = (x * 3).sum()  # (1)!
torch.autograd.grad(out, [x, b])
