import torch

torch.manual_seed(0)

x = torch.ones(1, requires_grad=True)
print(x.data, x.data.requires_grad)

y = 2 * x  # (1)!
x.data *= 100
y.backward()
print(x)
print(x.grad)
