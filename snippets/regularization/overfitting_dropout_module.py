import torch

torch.manual_seed(0)

drop = torch.nn.Dropout(p=0.5)
x = torch.ones(8)
print("train():", drop.train()(x))  # (1)!
print("eval(): ", drop.eval()(x))  # (2)!

model = torch.nn.Sequential(torch.nn.Dropout(p=0.5), torch.nn.Linear(8, 1))
model.train()
print("forgot model.eval(), two predictions:", [round(model(x).item(), 4) for _ in range(2)])  # (3)!
model.eval()
print("after model.eval(), two predictions: ", [round(model(x).item(), 4) for _ in range(2)])
