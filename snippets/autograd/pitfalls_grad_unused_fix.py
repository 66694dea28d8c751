import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
b = torch.ones(2, requires_grad=True)
out = (x * 3).sum()
print(torch.autograd.grad(out, [x, b], allow_unused=True, retain_graph=True))  # (1)!
print(torch.autograd.grad(out, [x, b], materialize_grads=True))  # (2)!
