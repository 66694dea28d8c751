import torch

torch.manual_seed(0)

x = torch.ones(2, requires_grad=True)
y = x.exp().sum()
y.backward(retain_graph=True)  # (1)!
print(x.grad)
y.backward()  # (2)!
print(x.grad)
