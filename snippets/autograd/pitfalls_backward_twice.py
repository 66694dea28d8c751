import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
y = (x * x).sum()  # (1)!
y.backward()
print(x.grad)
y.backward()
