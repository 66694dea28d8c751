import torch

torch.manual_seed(0)

x = torch.tensor([0.0, 1.0], requires_grad=True)
y = x.exp()
z = y + 1  # (1)!
print(z)
z.sum().backward()
print(x.grad)
