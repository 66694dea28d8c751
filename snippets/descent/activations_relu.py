import torch

torch.manual_seed(0)

x = (torch.arange(-30, 31, dtype=torch.float64) / 10).requires_grad_()
(auto,) = torch.autograd.grad(torch.relu(x).sum(), x)
closed = (x.detach() > 0).double()  # (1)!

print("x       ", x.detach()[27:34])
print("autograd", auto[27:34])
print("max |autograd - closed form|", (auto - closed).abs().max())
