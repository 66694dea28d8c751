import torch

torch.manual_seed(0)

x = torch.tensor([0.0, 1.0], requires_grad=True)
y = x.exp()  # (1)!
y += 1  # (2)!
print(y)
y.sum().backward()
